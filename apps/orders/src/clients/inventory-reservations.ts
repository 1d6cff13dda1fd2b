import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { withSubsegment } from '@platform/observability';
import {
  ReleaseAnswer,
  type ReleaseRequest,
  ReservationAnswer,
  type ReserveRequest,
} from '@platform/contracts';
import type * as z from 'zod/mini';
import { DependencyFailedError } from '../domain/errors';
import type { CallContext, RequestedLine, StockReservations } from '../domain/order';

/**
 * {@link StockReservations} over inventory's internal functions, called with Lambda `Invoke`
 * (RequestResponse), each within the caller's `signal`. The payload carries the customer's token,
 * which inventory verifies and takes the tenant from. Locally the client's endpoint is
 * serverless-offline's Lambda port. A function error, an unreadable answer or no answer is a
 * {@link DependencyFailedError}.
 */
export class LambdaStockReservations implements StockReservations {
  constructor(
    private readonly lambda: LambdaClient,
    private readonly functions: { reserve: string; release: string },
  ) {}

  async reserve(
    request: CallContext & { orderId: string; lines: RequestedLine[]; attempt: number; holdUntil: number },
    signal: AbortSignal,
  ): Promise<ReservationAnswer> {
    const payload: ReserveRequest = request;
    return withSubsegment('inventory.reserve', async () =>
      this.expect(
        ReservationAnswer,
        this.functions.reserve,
        await this.invoke(this.functions.reserve, payload, signal),
      ),
    );
  }

  async release(
    request: CallContext & { orderId: string; attempt: number },
    signal: AbortSignal,
  ): Promise<ReleaseAnswer> {
    const payload: ReleaseRequest = request;
    return withSubsegment('inventory.release', async () =>
      this.expect(
        ReleaseAnswer,
        this.functions.release,
        await this.invoke(this.functions.release, payload, signal),
      ),
    );
  }

  private expect<T>(schema: z.ZodMiniType<T>, functionName: string, answer: unknown): T {
    const parsed = schema.safeParse(answer);
    if (!parsed.success)
      throw new DependencyFailedError('inventory', `${functionName} answered an unexpected shape`);
    return parsed.data;
  }

  private async invoke(functionName: string, payload: unknown, signal: AbortSignal): Promise<unknown> {
    let result;
    try {
      result = await this.lambda.send(
        new InvokeCommand({
          FunctionName: functionName,
          InvocationType: 'RequestResponse',
          Payload: new TextEncoder().encode(JSON.stringify(payload)),
        }),
        { abortSignal: signal },
      );
    } catch (error) {
      throw new DependencyFailedError('inventory', `invoking ${functionName} failed`, { cause: error });
    }
    const text = result.Payload ? new TextDecoder().decode(result.Payload) : '';
    if (result.FunctionError) {
      throw new DependencyFailedError(
        'inventory',
        `${functionName} failed (${result.FunctionError}): ${text.slice(0, 200)}`,
      );
    }
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new DependencyFailedError('inventory', `${functionName} answered something that is not JSON`, {
        cause: error,
      });
    }
  }
}
