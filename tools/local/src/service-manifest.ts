import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { LocalStackError } from './errors';

/** The stages a service runs in: the local stack, then the deployed ones in promotion order. */
export const STAGES = ['local', 'dev', 'staging', 'prod'] as const;

/** One function of a service, as its `serverless.yml` declares it. */
interface ServiceFunction {
  name: string;
  description: string;
  /** What runs it: `GET /catalog/products/{sku}`, `schedule rate(1 minute)`, or `invoke only`. */
  triggers: string[];
}

/** A DynamoDB table a service's `resources` create, named for one stage. */
interface ServiceTable {
  name: string;
  indexes: string[];
}

/** What `make info` shows of one service. */
export interface ServiceManifest {
  service: string;
  /** The owning team, `custom.owner`. */
  owner: string | undefined;
  functions: ServiceFunction[];
  tables(stage: string): ServiceTable[];
}

type Yaml = Record<string, unknown>;

const isRecord = (value: unknown): value is Yaml => typeof value === 'object' && value !== null;

/** Resolves `${sls:stage}` and `${self:a.b}` in `value` (other variables stay as written). */
function resolveVariables(value: string, config: Yaml, stage: string, depth = 0): string {
  if (depth > 10) return value;
  return value.replace(
    /\$\{(sls:stage|self:([A-Za-z0-9_.]+))\}/g,
    (whole: string, _: string, path?: string) => {
      if (path === undefined) return stage;
      let node: unknown = config;
      for (const key of path.split('.')) node = isRecord(node) ? node[key] : undefined;
      return typeof node === 'string' ? resolveVariables(node, config, stage, depth + 1) : whole;
    },
  );
}

function triggersOf(events: unknown, service: string): string[] {
  const triggers: string[] = [];
  for (const event of Array.isArray(events) ? events : []) {
    if (!isRecord(event)) continue;
    const httpApi = event['httpApi'];
    if (isRecord(httpApi)) {
      const path = String(httpApi['path'] ?? '');
      triggers.push(
        `${String(httpApi['method'] ?? '*').toUpperCase()} /${service}${path === '/' ? '' : path}`,
      );
    }
    const schedule = event['schedule'];
    if (isRecord(schedule)) triggers.push(`schedule ${String(schedule['rate'] ?? '')}`);
    else if (typeof schedule === 'string') triggers.push(`schedule ${schedule}`);
  }
  return triggers.length > 0 ? triggers : ['invoke only'];
}

/**
 * Reads the functions and tables of the service in `serviceDir` from its `serverless.yml`, as
 * declared (no `serverless print`, so it takes milliseconds and needs no stage values).
 *
 * @example
 * const manifest = readServiceManifest('apps/catalog');
 * manifest.tables('dev'); // [{ name: 'catalog-dev', indexes: [] }]
 */
export function readServiceManifest(serviceDir: string): ServiceManifest {
  const file = join(serviceDir, 'serverless.yml');
  if (!existsSync(file)) throw new LocalStackError(`${serviceDir} has no serverless.yml`);
  const parsed: unknown = parse(readFileSync(file, 'utf8'), { logLevel: 'error' });
  if (!isRecord(parsed) || typeof parsed['service'] !== 'string') {
    throw new LocalStackError(`${file} declares no service`);
  }
  const config = parsed;
  const service = String(parsed['service']);
  const declared = isRecord(config['functions']) ? config['functions'] : {};
  const functions = Object.entries(declared).map(([name, fn]) => ({
    name,
    description: isRecord(fn) && typeof fn['description'] === 'string' ? fn['description'] : '',
    triggers: triggersOf(isRecord(fn) ? fn['events'] : undefined, service),
  }));
  // `resources` is one fragment or a list of them (some pulled in with ${file(...)}, left unread).
  const fragments: unknown[] = Array.isArray(config['resources'])
    ? config['resources']
    : [config['resources']];
  const resources = fragments.flatMap((fragment) =>
    isRecord(fragment) && isRecord(fragment['Resources']) ? Object.values(fragment['Resources']) : [],
  );
  const tables = (stage: string): ServiceTable[] =>
    resources
      .filter(
        (resource): resource is Yaml => isRecord(resource) && resource['Type'] === 'AWS::DynamoDB::Table',
      )
      .map((resource) => {
        const properties = isRecord(resource['Properties']) ? resource['Properties'] : {};
        const indexes = Array.isArray(properties['GlobalSecondaryIndexes'])
          ? properties['GlobalSecondaryIndexes']
          : [];
        return {
          name: resolveVariables(String(properties['TableName'] ?? ''), config, stage),
          indexes: indexes.flatMap((index: unknown) =>
            isRecord(index) && typeof index['IndexName'] === 'string' ? [index['IndexName']] : [],
          ),
        };
      });
  const custom = isRecord(config['custom']) ? config['custom'] : {};
  const owner = typeof custom['owner'] === 'string' ? custom['owner'] : undefined;
  return { service, owner, functions, tables };
}

/** The services of the workspace: every `apps/<name>/serverless.yml`, by name. */
export function workspaceServices(workspaceRoot: string): string[] {
  const apps = join(workspaceRoot, 'apps');
  if (!existsSync(apps)) return [];
  return readdirSync(apps)
    .filter((name) => existsSync(join(apps, name, 'serverless.yml')))
    .sort();
}
