import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
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
import type { ReservationAnswer, StockLine } from '@platform/contracts';
import type { ReleaseAttempt, Reservation, ReserveAttempt, Stock, StockStore } from '../domain/stock';

interface StockItem extends Stock {
  pk: string;
  sk: string;
  tenantId: string;
}

interface ReservationItem extends Reservation {
  pk: string;
  sk: string;
  tenantId: string;
  createdAt: string;
  releasedAt?: string;
}

const stockKey = (tenantId: string, sku: string) => ({ pk: tenantKey(tenantId, 'STOCK'), sk: `SKU#${sku}` });
const reservationKey = (tenantId: string, orderId: string) => ({
  pk: tenantKey(tenantId, 'RESERVATION'),
  sk: `ORDER#${orderId}`,
});

function toStock(item: StockItem): Stock {
  return { sku: item.sku, available: item.available, reserved: item.reserved, version: item.version };
}

function toReservation(item: ReservationItem): Reservation {
  return { orderId: item.orderId, status: item.status, lines: item.lines, answer: item.answer };
}

/** True when any entry of a cancelled transaction lost to a concurrent transaction. */
function contended(error: TransactionCanceledError): boolean {
  return error.reasons.some((reason) => reason.code === 'TransactionConflict');
}

/**
 * {@link StockStore} on the service's DynamoDB table: stock under `T#<tenant>#STOCK / SKU#<sku>`,
 * reservation records under `T#<tenant>#RESERVATION / ORDER#<orderId>`, written in the same
 * `TransactWriteItems` as the stock they move.
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
      key: reservationKey(tenantId, orderId),
      consistentRead: true,
    });
    return item ? toReservation(item) : undefined;
  }

  async tryReserve(
    tenantId: string,
    orderId: string,
    lines: StockLine[],
    now: Date,
  ): Promise<ReserveAttempt> {
    const record: ReservationItem = {
      ...reservationKey(tenantId, orderId),
      tenantId,
      orderId,
      status: 'RESERVED',
      lines,
      answer: { status: 'RESERVED' },
      createdAt: now.toISOString(),
    };
    try {
      await transactWrite(this.client, [
        {
          Put: {
            TableName: this.tableName,
            Item: record,
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        ...lines.map((line) => ({
          Update: {
            TableName: this.tableName,
            Key: stockKey(tenantId, line.sku),
            ConditionExpression: 'attribute_exists(pk) AND available >= :qty',
            UpdateExpression: 'SET available = available - :qty, reserved = reserved + :qty ADD version :one',
            ExpressionAttributeValues: { ':qty': line.qty, ':one': 1 },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
          },
        })),
      ]);
      return { outcome: 'reserved' };
    } catch (error) {
      if (!(error instanceof TransactionCanceledError)) throw error;
      if (contended(error)) return { outcome: 'contended' };
      if (error.failedIndexes.includes(0)) return { outcome: 'duplicate' };
      const failed = error.reasons.find(
        (reason) => reason.index > 0 && reason.code === 'ConditionalCheckFailed',
      );
      const line = failed ? lines[failed.index - 1] : undefined;
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

  async recordRejection(
    tenantId: string,
    orderId: string,
    lines: StockLine[],
    answer: Extract<ReservationAnswer, { status: 'REJECTED' }>,
    now: Date,
  ): Promise<ReservationAnswer> {
    const record: ReservationItem = {
      ...reservationKey(tenantId, orderId),
      tenantId,
      orderId,
      status: 'REJECTED',
      lines,
      answer,
      createdAt: now.toISOString(),
    };
    try {
      await putIfAbsent(this.client, { tableName: this.tableName, item: { ...record } });
      return answer;
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
      const first = await this.findReservation(tenantId, orderId);
      return first ? first.answer : answer;
    }
  }

  async tryRelease(tenantId: string, reservation: Reservation, now: Date): Promise<ReleaseAttempt> {
    try {
      await transactWrite(this.client, [
        {
          Update: {
            TableName: this.tableName,
            Key: reservationKey(tenantId, reservation.orderId),
            ConditionExpression: '#status = :reserved',
            UpdateExpression: 'SET #status = :released, releasedAt = :now',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':reserved': 'RESERVED',
              ':released': 'RELEASED',
              ':now': now.toISOString(),
            },
          },
        },
        ...reservation.lines.map((line) => ({
          Update: {
            TableName: this.tableName,
            Key: stockKey(tenantId, line.sku),
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
      if (error.failedIndexes.includes(0)) return { outcome: 'not-reserved' };
      throw error; // a stock line lost its reservation: data is inconsistent, fail loudly
    }
  }

  ping(): Promise<void> {
    return pingTable(this.client, this.tableName);
  }
}
