import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** A service the local stack runs. */
export interface LocalService {
  name: string;
  dir: string;
}

/** The services under `apps/` that have a serverless.yml, optionally only those named. */
export function discoverServices(workspaceRoot: string, only?: string[]): LocalService[] {
  const appsDir = join(workspaceRoot, 'apps');
  const all = readdirSync(appsDir)
    .filter((name) => existsSync(join(appsDir, name, 'serverless.yml')))
    .sort()
    .map((name) => ({ name, dir: join(appsDir, name) }));
  if (!only || only.length === 0) return all;
  const unknown = only.filter((name) => !all.some((service) => service.name === name));
  if (unknown.length > 0) {
    throw new Error(
      `Unknown service(s): ${unknown.join(', ')}. Known: ${all.map((s) => s.name).join(', ')}.`,
    );
  }
  return all.filter((service) => only.includes(service.name));
}
