import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  QueryCommand,
  UpdateCommand,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import {
  pingTable,
  AlreadyExistsError,
  getItem,
  putIfAbsent,
  tenantKey,
  TransactionCanceledError,
  transactWrite,
  translateError,
} from '@platform/persistence';
import { holdKey, OPEN_HOLD, OPEN_HOLDS_INDEX, type ReservationAnswer } from '@platform/contracts';
import type {
  HoldAttempt,
  HoldRequest,
  ReleaseAttempt,
  Reservation,
  Stock,
  StockStore,
} from '../domain/stock';

interface StockItem extends Stock {
  pk: string;
  sk: string;
  tenantId: string;
}

interface ReservationItem extends Reservation {
  pk: string;
  sk: string;
  createdAt: string;
  releasedAt?: string;
  /** Set on HELD holds only: the key of the sparse index of open holds. */
  openHold?: string;
}

const stockKey = (tenantId: string, sku: string) => ({ pk: tenantKey(tenantId, 'STOCK'), sk: `SKU#${sku}` });

function toStock(item: StockItem): Stock {
  return { sku: item.sku, available: item.available, reserved: item.reserved, version: item.version };
}

function toReservation(item: ReservationItem): Reservation {
  return {
    tenantId: item.tenantId,
    orderId: item.orderId,
    status: item.status,
    lines: item.lines,
    answer: item.answer,
    attempt: item.attempt,
    holdUntil: item.holdUntil,
  };
}

/** True when any entry of a cancelled transaction lost to a concurrent transaction. */
function contended(error: TransactionCanceledError): boolean {
  return error.reasons.some((reason) => reason.code === 'TransactionConflict');
}

/**
 * {@link StockStore} on the service's DynamoDB table: stock under `T#<tenant>#STOCK / SKU#<sku>`,
 * holds under `T#<tenant>#RESERVATION / ORDER#<orderId>`, written in the same `TransactWriteItems`
 * as the stock they move; HELD holds carry `openHold`, the key of the sparse index the sweeper reads.
 */
export class DynamoStockStore implements StockStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(tenantId: string, sku: string): Promise<Stock | undefined> {
    const item = await getItem<StockItem>(this.client, {
      tableName: this.tableName,
      key: stockKey(tenantId, sku),
      consistentRead: true,
    });
    return item ? toStock(item) : undefined;
  }

  async setAvailable(tenantId: string, sku: string, available: number): Promise<Stock> {
    try {
      const result = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: stockKey(tenantId, sku),
          UpdateExpression:
            'SET available = :available, reserved = if_not_exists(reserved, :zero), sku = :sku, tenantId = :tenant ADD version :one',
          ExpressionAttributeValues: {
            ':available': available,
            ':zero': 0,
            ':one': 1,
            ':sku': sku,
            ':tenant': tenantId,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return toStock(result.Attributes as StockItem);
    } catch (error) {
      throw translateError(error);
    }
  }

  async findReservation(tenantId: string, orderId: string): Promise<Reservation | undefined> {
    const item = await getItem<ReservationItem>(this.client, {
      tableName: this.tableName,
      key: holdKey(tenantId, orderId),
      consistentRead: true,
    });
    return item ? toReservation(item) : undefined;
  }

  async tryHold(request: HoldRequest, over?: Reservation): Promise<HoldAttempt> {
    const key = holdKey(request.tenantId, request.orderId);
    const hold = over
      ? {
          Update: {
            TableName: this.tableName,
            Key: key,
            ConditionExpression: '#status = :released AND attempt = :previous',
            UpdateExpression:
              'SET #status = :held, #lines = :lines, answer = :answer, attempt = :attempt, holdUntil = :until, openHold = :open REMOVE releasedAt',
            ExpressionAttributeNames: { '#status': 'status', '#lines': 'lines' },
            ExpressionAttributeValues: {
              ':released': 'RELEASED',
              ':previous': over.attempt,
              ':held': 'HELD',
              ':lines': request.lines,
              ':answer': { status: 'RESERVED' },
              ':attempt': request.attempt,
              ':until': request.holdUntil,
              ':open': OPEN_HOLD,
            },
          },
        }
      : {
          Put: {
            TableName: this.tableName,
            Item: {
              ...key,
              tenantId: request.tenantId,
              orderId: request.orderId,
              status: 'HELD',
              lines: request.lines,
              answer: { status: 'RESERVED' },
              attempt: request.attempt,
              holdUntil: request.holdUntil,
              openHold: OPEN_HOLD,
              createdAt: new Date().toISOString(),
            } satisfies ReservationItem,
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        };
    try {
      await transactWrite(this.client, [
        hold,
        ...request.lines.map((line) => ({
          Update: {
            TableName: this.tableName,
            Key: stockKey(request.tenantId, line.sku),
            ConditionExpression: 'attribute_exists(pk) AND available >= :qty',
            UpdateExpression: 'SET available = available - :qty, reserved = reserved + :qty ADD version :one',
            ExpressionAttributeValues: { ':qty': line.qty, ':one': 1 },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
          },
        })),
      ]);
      return { outcome: 'held' };
    } catch (error) {
      if (!(error instanceof TransactionCanceledError)) throw error;
      if (contended(error)) return { outcome: 'contended' };
      if (error.failedIndexes.includes(0)) return { outcome: 'changed' };
      const failed = error.reasons.find(
        (reason) => reason.index > 0 && reason.code === 'ConditionalCheckFailed',
      );
      const line = failed ? request.lines[failed.index - 1] : undefined;
      if (!failed || !line) throw error;
      return {
        outcome: 'rejected',
        answer: {
          status: 'REJECTED',
          reason: failed.item ? 'INSUFFICIENT_STOCK' : 'UNKNOWN_SKU',
          sku: line.sku,
        },
      };
    }
  }

  async renewHold(reservation: Reservation, attempt: number, holdUntil: number): Promise<boolean> {
    return this.conditionalUpdate(reservation, {
      ConditionExpression: '#status = :held AND attempt = :previous',
      UpdateExpression: 'SET attempt = :attempt, holdUntil = :until',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':held': 'HELD',
        ':previous': reservation.attempt,
        ':attempt': attempt,
        ':until': holdUntil,
      },
    });
  }

  async recordRejection(
    request: HoldRequest,
    answer: Extract<ReservationAnswer, { status: 'REJECTED' }>,
    now: Date,
  ): Promise<boolean> {
    return this.putNew({
      ...holdKey(request.tenantId, request.orderId),
      tenantId: request.tenantId,
      orderId: request.orderId,
      status: 'REJECTED',
      lines: request.lines,
      answer,
      attempt: request.attempt,
      createdAt: now.toISOString(),
    });
  }

  async closeAbsent(tenantId: string, orderId: string, attempt: number, now: Date): Promise<boolean> {
    return this.putNew({
      ...holdKey(tenantId, orderId),
      tenantId,
      orderId,
      status: 'RELEASED',
      lines: [],
      answer: { status: 'CLOSED' },
      attempt,
      createdAt: now.toISOString(),
      releasedAt: now.toISOString(),
    });
  }

  async raiseTombstone(reservation: Reservation, attempt: number): Promise<boolean> {
    return this.conditionalUpdate(reservation, {
      ConditionExpression: '#status = :released AND attempt = :previous',
      UpdateExpression: 'SET attempt = :attempt',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':released': 'RELEASED',
        ':previous': reservation.attempt,
        ':attempt': attempt,
      },
    });
  }

  async tryRelease(
    reservation: Reservation,
    attempt: number,
    now: Date,
    expiredBefore?: number,
  ): Promise<ReleaseAttempt> {
    try {
      await transactWrite(this.client, [
        {
          Update: {
            TableName: this.tableName,
            Key: holdKey(reservation.tenantId, reservation.orderId),
            ConditionExpression:
              '#status = :held AND attempt = :previous' +
              (expiredBefore === undefined ? '' : ' AND holdUntil < :before'),
            UpdateExpression:
              'SET #status = :released, releasedAt = :now, attempt = :attempt REMOVE openHold',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':held': 'HELD',
              ':released': 'RELEASED',
              ':previous': reservation.attempt,
              ':attempt': Math.max(attempt, reservation.attempt),
              ':now': now.toISOString(),
              ...(expiredBefore === undefined ? {} : { ':before': expiredBefore }),
            },
          },
        },
        ...reservation.lines.map((line) => ({
          Update: {
            TableName: this.tableName,
            Key: stockKey(reservation.tenantId, line.sku),
            ConditionExpression: 'attribute_exists(pk) AND reserved >= :qty',
            UpdateExpression: 'SET available = available + :qty, reserved = reserved - :qty ADD version :one',
            ExpressionAttributeValues: { ':qty': line.qty, ':one': 1 },
          },
        })),
      ]);
      return { outcome: 'released' };
    } catch (error) {
      if (!(error instanceof TransactionCanceledError)) throw error;
      if (contended(error)) return { outcome: 'contended' };
      if (error.failedIndexes.includes(0)) return { outcome: 'changed' };
      throw error; // a stock line lost its hold: data is inconsistent, fail loudly
    }
  }

  async expiredHolds(before: number, limit: number): Promise<Reservation[]> {
    try {
      const result = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: OPEN_HOLDS_INDEX,
          KeyConditionExpression: 'openHold = :open AND holdUntil < :before',
          ExpressionAttributeValues: { ':open': OPEN_HOLD, ':before': before },
          Limit: limit,
        }),
      );
      return (result.Items ?? []).map((item) => toReservation(item as ReservationItem));
    } catch (error) {
      throw translateError(error);
    }
  }

  /** Writes a new hold record; false when one exists. */
  private async putNew(item: ReservationItem): Promise<boolean> {
    try {
      await putIfAbsent(this.client, { tableName: this.tableName, item: { ...item } });
      return true;
    } catch (error) {
      if (error instanceof AlreadyExistsError) return false;
      throw error;
    }
  }

  /** One conditional update of a hold record; false when its condition failed. */
  private async conditionalUpdate(
    reservation: Reservation,
    update: Pick<
      UpdateCommandInput,
      'ConditionExpression' | 'UpdateExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'
    >,
  ): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: holdKey(reservation.tenantId, reservation.orderId),
          ...update,
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw translateError(error);
    }
  }

  ping(): Promise<void> {
    return pingTable(this.client, this.tableName);
  }
}
