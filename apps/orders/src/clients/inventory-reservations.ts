import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { withSubsegment } from '@platform/observability';
import { ReleaseAnswer, ReservationAnswer } from '@platform/contracts';
import type * as z from 'zod/mini';
import { DependencyFailedError } from '../domain/errors';
import type { RequestedLine, StockReservations } from '../domain/order';

/**
 * {@link StockReservations} over inventory's internal functions, called with Lambda `Invoke`
 * (RequestResponse). Locally the client's endpoint is serverless-offline's Lambda port. A function
 * error, an unreadable answer or no answer is a {@link DependencyFailedError}.
 */
export class LambdaStockReservations implements StockReservations {
  constructor(
    private readonly lambda: LambdaClient,
    private readonly functions: { reserve: string; release: string },
  ) {}

  async reserve(request: {
    tenantId: string;
    orderId: string;
    lines: RequestedLine[];
    correlationId: string;
  }): Promise<ReservationAnswer> {
    return withSubsegment('inventory.reserve', async () =>
      this.expect(
        ReservationAnswer,
        this.functions.reserve,
        await this.invoke(this.functions.reserve, request),
      ),
    );
  }

  async release(request: { tenantId: string; orderId: string; correlationId: string }): Promise<void> {
    await withSubsegment('inventory.release', async () =>
      this.expect(ReleaseAnswer, this.functions.release, await this.invoke(this.functions.release, request)),
    );
  }

  private expect<T>(schema: z.ZodMiniType<T>, functionName: string, answer: unknown): T {
    const parsed = schema.safeParse(answer);
    if (!parsed.success)
      throw new DependencyFailedError('inventory', `${functionName} answered an unexpected shape`);
    return parsed.data;
  }

  private async invoke(functionName: string, payload: unknown): Promise<unknown> {
    let result;
    try {
      result = await this.lambda.send(
        new InvokeCommand({
          FunctionName: functionName,
          InvocationType: 'RequestResponse',
          Payload: new TextEncoder().encode(JSON.stringify(payload)),
        }),
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
