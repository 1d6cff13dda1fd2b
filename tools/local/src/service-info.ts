import { STAGES, type ServiceManifest } from './service-manifest';

/** Where a deployed stage's host is recorded (written by the bootstrap stack, tools/bootstrap). */
const apiDomainParameter = (stage: string): string => `/serverless-factory/${stage}/api-domain`;

/**
 * The text `make info` prints for one service: its URL per stage, its tables per stage, and its
 * functions with what runs each.
 *
 * @example
 * import { readServiceManifest } from './service-manifest';
 * describeService(readServiceManifest('apps/catalog'), 'http://127.0.0.1:3000');
 */
export function describeService(manifest: ServiceManifest, gatewayUrl: string): string {
  const { service } = manifest;
  const lines = [`${service}`];
  for (const stage of STAGES) {
    const url =
      stage === 'local'
        ? `${gatewayUrl}/${service}/ (make dev)`
        : `https://<api-domain>/${service}/ (api-domain: SSM ${apiDomainParameter(stage)})`;
    const tables = manifest
      .tables(stage)
      .map((table) =>
        table.indexes.length > 0 ? `${table.name} (index ${table.indexes.join(', ')})` : table.name,
      );
    lines.push(`  ${stage.padEnd(8)} ${url}`, `  ${''.padEnd(8)} table ${tables.join(', ') || '(none)'}`);
  }
  const width = Math.max(...manifest.functions.map((fn) => fn.name.length));
  manifest.functions.forEach((fn, index) => {
    lines.push(
      `  ${(index === 0 ? 'function' : '').padEnd(8)} ${fn.name.padEnd(width)}  ${fn.triggers.join(', ')}`,
    );
  });
  return `${lines.join('\n')}\n`;
}
