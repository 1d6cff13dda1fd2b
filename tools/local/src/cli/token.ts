/* `npm run -s token -- --sub <id> --tenant <id> --scope "<scopes>" [--expires-in S]`: prints one JWT
 * signed by the dev issuer the local stack trusts, and nothing else. `--help` for usage. */
import { loadOrCreateDevIssuer } from '@platform/auth/dev-issuer';
import { parseTokenArgs, TOKEN_HELP } from '../cli-options';
import { runCli } from '../run-cli';

void runCli('token', async () => {
  const options = parseTokenArgs(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(TOKEN_HELP);
    return;
  }
  const issuer = await loadOrCreateDevIssuer();
  const token = await issuer.mint({
    sub: options.sub,
    tenant: options.tenant,
    expiresInSec: options.expiresInSec,
    ...(options.scope === undefined ? {} : { scope: options.scope }),
  });
  process.stdout.write(`${token}\n`);
});
