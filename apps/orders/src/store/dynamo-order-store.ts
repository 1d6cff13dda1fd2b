import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { confirmHoldEntry, reopenHoldEntry } from '@platform/contracts';
import {
  AlreadyExistsError,
  pingTable,
  type CursorCodec,
  getItem,
  putIfAbsent,
  queryPage,
  tenantKey,
  TransactionCanceledError,
  transactWrite,
} from '@platform/persistence';
import { HoldLostError, IdempotencyKeyReusedError, OrderChangedError } from '../domain/errors';
import { type Customer, type Order, type OrderPage, type OrderStore, orderView } from '../domain/order';

interface OrderItem extends Order {
  pk: string;
  sk: string;
  tenantId: string;
  customerId: string;
  cancelledAt?: string;
}

const ORDERS_QUERY = 'orders:mine';
/** A ULID, as every order id is (Crockford base 32, 26 characters). */
const ORDER_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** One partition per customer of a tenant; order ids are ULIDs, so the sort key orders by time. */
function partition(customer: Customer): string {
  return tenantKey(customer.tenantId, 'CUSTOMER', encodeURIComponent(customer.customerId));
}

function keyOf(customer: Customer, orderId: string): { pk: string; sk: string } {
  return { pk: partition(customer), sk: `ORDER#${orderId}` };
}

/** The order id an Idempotency-Key is bound to, kept as long as the key's idempotency record. */
interface KeyItem {
  pk: string;
  sk: string;
  orderId: string;
  fingerprint: string;
  /** TTL (epoch seconds). */
  expiration: number;
}

function toOrder(item: OrderItem): Order {
  return orderView(item);
}

/**
 * {@link OrderStore} on the service's DynamoDB table: `pk = T#<tenant>#CUSTOMER#<sub>`,
 * `sk = ORDER#<ulid>`, so a customer reads only their own orders and lists them newest first.
 */
export class DynamoOrderStore implements OrderStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly codec: () => Promise<CursorCodec>,
    /** Inventory's table, where the order's hold is confirmed or reopened (ADR-011). */
    private readonly inventoryTableName: string,
    /** How long a key stays bound to its order id (the idempotency records' lifetime). */
    private readonly keyTtlSeconds: number,
  ) {}

  async orderIdFor(customer: Customer, key: string, fingerprint: string, candidate: string): Promise<string> {
    const item: KeyItem = {
      pk: partition(customer),
      sk: `KEY#${key}`,
      orderId: candidate,
      fingerprint,
      expiration: Math.floor(Date.now() / 1000) + this.keyTtlSeconds,
    };
    let bound: KeyItem | undefined = item;
    try {
      await putIfAbsent(this.client, { tableName: this.tableName, item: { ...item } });
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
      bound = await getItem<KeyItem>(this.client, {
        tableName: this.tableName,
        key: { pk: item.pk, sk: item.sk },
        consistentRead: true,
      });
    }
    if (!bound) throw new IdempotencyKeyReusedError(); // bound and expired in between: treat as reuse
    if (bound.fingerprint !== fingerprint) throw new IdempotencyKeyReusedError();
    return bound.orderId;
  }

  async createConfirmingHold(customer: Customer, order: Order, signal: AbortSignal): Promise<Order> {
    const item: OrderItem = { ...keyOf(customer, order.orderId), ...customer, ...order };
    try {
      await transactWrite(
        this.client,
        [
          { Put: { TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
          confirmHoldEntry(
            this.inventoryTableName,
            customer.tenantId,
            order.orderId,
            new Date(order.createdAt),
          ),
        ],
        { abortSignal: signal },
      );
      return order;
    } catch (error) {
      if (!(error instanceof TransactionCanceledError)) throw error;
      if (error.failedIndexes.includes(0)) {
        // A previous try of the same key wrote it (its answer was lost): answer that order.
        const stored = await this.get(customer, order.orderId);
        if (stored) return stored;
      }
      if (error.failedIndexes.includes(1)) throw new HoldLostError(order.orderId);
      throw error;
    }
  }

  async get(customer: Customer, orderId: string): Promise<Order | undefined> {
    if (!ORDER_ID.test(orderId)) return undefined; // not a ULID: no such order can exist
    const item = await getItem<OrderItem>(this.client, {
      tableName: this.tableName,
      key: keyOf(customer, orderId),
      consistentRead: true,
    });
    return item ? toOrder(item) : undefined;
  }

  async list(customer: Customer, page: { limit: number; cursor?: string | undefined }): Promise<OrderPage> {
    const result = await queryPage<OrderItem>(this.client, {
      tableName: this.tableName,
      keyCondition: 'pk = :pk AND begins_with(sk, :prefix)',
      values: { ':pk': partition(customer), ':prefix': 'ORDER#' },
      limit: page.limit,
      cursor: page.cursor ?? null,
      scope: { tenantId: `${customer.tenantId}/${customer.customerId}`, query: ORDERS_QUERY },
      codec: await this.codec(),
      scanIndexForward: false,
      consistentRead: true,
    });
    return { items: result.items.map(toOrder), nextCursor: result.nextCursor };
  }

  async markCancelled(
    customer: Customer,
    orderId: string,
    expectedVersion: number,
    now: Date,
  ): Promise<Order> {
    const key = keyOf(customer, orderId);
    try {
      await transactWrite(this.client, [
        {
          Update: {
            TableName: this.tableName,
            Key: key,
            ConditionExpression: 'version = :expected',
            UpdateExpression: 'SET #status = :cancelled, cancelledAt = :now, version = :next',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':expected': expectedVersion,
              ':next': expectedVersion + 1,
              ':cancelled': 'CANCELLED',
              ':now': now.toISOString(),
            },
          },
        },
        reopenHoldEntry(this.inventoryTableName, customer.tenantId, orderId, now),
      ]);
    } catch (error) {
      if (error instanceof TransactionCanceledError && error.failedIndexes.includes(0)) {
        throw new OrderChangedError(orderId);
      }
      throw error;
    }
    const stored = await this.get(customer, orderId);
    if (!stored) throw new OrderChangedError(orderId);
    return stored;
  }

  ping(): Promise<void> {
    return pingTable(this.client, this.tableName);
  }
}
