import { createCursorCodec, type CursorCodec } from './cursor-codec';
import { loadCursorSecret } from './cursor-secret';

/**
 * The cursor codec of a Lambda container, built on first use from `CURSOR_SECRET` or the SSM
 * parameter `CURSOR_SECRET_PARAMETER` names (one SSM call per cold start), and built again on the
 * next call when loading failed.
 *
 * @example
 * import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
 * import { queryPage, type QueryPageInput } from '@platform/persistence';
 *
 * declare const client: DynamoDBDocumentClient;
 * declare const input: Omit<QueryPageInput, 'codec'>;
 * const codec = lazyCursorCodec(); // module scope of a handler
 * const page = await queryPage(client, { ...input, codec: await codec() });
 */
export function lazyCursorCodec(env: NodeJS.ProcessEnv = process.env): () => Promise<CursorCodec> {
  let codec: Promise<CursorCodec> | undefined;
  return () => {
    if (!codec) {
      const loading = loadCursorSecret(env).then(createCursorCodec);
      codec = loading;
      loading.catch(() => {
        if (codec === loading) codec = undefined;
      });
    }
    return codec;
  };
}
