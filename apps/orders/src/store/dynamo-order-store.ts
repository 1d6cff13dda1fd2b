import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  pingTable,
  type CursorCodec,
  getItem,
  putIfAbsent,
  queryPage,
  tenantKey,
  updateIfVersion,
  VersionConflictError,
} from '@platform/persistence';
import { OrderChangedError } from '../domain/errors';
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
  ) {}

  async create(customer: Customer, order: Order): Promise<void> {
    const item: OrderItem = { ...keyOf(customer, order.orderId), ...customer, ...order };
    await putIfAbsent(this.client, { tableName: this.tableName, item: { ...item } });
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
    try {
      const item = await updateIfVersion<OrderItem>(this.client, {
        tableName: this.tableName,
        key: keyOf(customer, orderId),
        expectedVersion,
        set: { status: 'CANCELLED', cancelledAt: now.toISOString() },
      });
      return toOrder(item);
    } catch (error) {
      if (error instanceof VersionConflictError) throw new OrderChangedError(orderId);
      throw error;
    }
  }

  ping(): Promise<void> {
    return pingTable(this.client, this.tableName);
  }
}
