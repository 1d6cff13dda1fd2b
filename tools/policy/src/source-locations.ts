import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { Finding } from './finding';
import { renderString } from './intrinsics';
import { normalizeRouteKey, serverlessRouteKey } from './route-keys';
import type { CfnResource } from './template';

/** A line of a file. `file` is relative to the workspace root (POSIX separators), or absolute outside it. */
export interface SourceLocation {
  file: string;
  line: number;
}

/** A finding with where to show it: the serverless.yml when known, and always the template. */
export interface LocatedFinding extends Finding {
  location: SourceLocation;
  templateLocation: SourceLocation;
}

/** One entry of `functions` in a serverless.yml. */
interface FunctionEntry {
  key: string;
  line: number | undefined;
  node: unknown;
}

/**
 * True when the framework derives `logicalId` from the function whose normalised key is `name`:
 * `<Name>LogGroup`, `<Name>IamRoleLambdaExecution`, `<Name>Lambda…` (function, versions,
 * permissions, URL, alarms) and `HttpApiIntegration<Name>`.
 */
function derivesFromFunction(logicalId: string, name: string): boolean {
  return (
    logicalId === `${name}LogGroup` ||
    logicalId === `${name}IamRoleLambdaExecution` ||
    logicalId.startsWith(`${name}Lambda`) ||
    logicalId === `HttpApiIntegration${name}`
  );
}

/** The framework's normalisation of a function key: `get-item_v2` → `GetDashitemUnderscorev2`. */
export function normalizeFunctionKey(key: string): string {
  const replaced = key.replace(/-/g, 'Dash').replace(/_/g, 'Underscore');
  return replaced.charAt(0).toUpperCase() + replaced.slice(1);
}

/** Lines of interest in a service's serverless.yml: resource keys, function keys, routes, policy entries. */
export class ServerlessYamlIndex {
  private readonly lineCounter = new LineCounter();
  private readonly document: Document;

  constructor(private readonly text: string) {
    this.document = parseDocument(text, { lineCounter: this.lineCounter, uniqueKeys: false });
  }

  private lineOf(node: unknown): number | undefined {
    const offset = isNode(node) ? node.range?.[0] : undefined;
    return offset === undefined ? undefined : this.lineCounter.linePos(offset).line;
  }

  /** The entries of `functions`, when it is written in this file. */
  private functions(): FunctionEntry[] {
    const functions = this.document.get('functions', true);
    if (!isMap(functions)) return [];
    return functions.items.flatMap((pair) =>
      isScalar(pair.key)
        ? [{ key: String(pair.key.value), line: this.lineOf(pair.key), node: pair.value }]
        : [],
    );
  }

  /** The line where a YAML key equal to the logical id is written, anywhere in the file. */
  private keyLine(logicalId: string): number | undefined {
    const escaped = logicalId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const match = new RegExp(`^[ \\t-]*["']?${escaped}["']?[ \\t]*:`, 'm').exec(this.text);
    return match ? this.text.slice(0, match.index).split('\n').length : undefined;
  }

  /** The line of the function key a framework-derived logical id comes from (the longest key wins). */
  private functionLine(logicalId: string): number | undefined {
    return this.functions()
      .map((entry) => ({ ...entry, name: normalizeFunctionKey(entry.key) }))
      .filter(({ name }) => derivesFromFunction(logicalId, name))
      .sort((a, b) => b.name.length - a.name.length)[0]?.line;
  }

  /** The line of the httpApi event that declares a route (`path: /catalog/health`, or its string form). */
  routeLine(routeKey: string): number | undefined {
    const wanted = normalizeRouteKey(routeKey);
    for (const { node } of this.functions()) {
      const events = isMap(node) ? node.get('events', true) : undefined;
      if (!isSeq(events)) continue;
      for (const event of events.items) {
        const httpApi: unknown = isMap(event) ? event.get('httpApi', true) : undefined;
        if (isScalar(httpApi)) {
          if (serverlessRouteKey(String(httpApi.value)) === wanted) return this.lineOf(httpApi);
        } else if (isMap(httpApi)) {
          const path = httpApi.get('path', true);
          const key = serverlessRouteKey(
            `${String(httpApi.get('method') ?? '')} ${isScalar(path) ? String(path.value) : ''}`,
          );
          if (key === wanted) return this.lineOf(path);
        }
      }
    }
    return undefined;
  }

  /**
   * The line that declares a resource: its logical id as a key, else the function it derives
   * from, else (for a route) the event that declares the route.
   */
  resourceLine(logicalId: string, resource: CfnResource | undefined): number | undefined {
    const routeKey =
      resource?.Type === 'AWS::ApiGatewayV2::Route' ? renderString(resource.Properties.RouteKey) : undefined;
    return (
      this.keyLine(logicalId) ??
      this.functionLine(logicalId) ??
      (routeKey?.exact ? this.routeLine(routeKey.text) : undefined)
    );
  }

  /** The line of entry `index` of `custom.policy.suppress`. */
  suppressionLine(index: number): number | undefined {
    const list = this.document.getIn(['custom', 'policy', 'suppress'], true);
    return isSeq(list) ? (this.lineOf(list.items[index]) ?? this.lineOf(list)) : undefined;
  }

  /** The line of a `custom.policy.publicRoutes` entry. */
  publicRouteLine(route: string): number | undefined {
    const list = this.document.getIn(['custom', 'policy', 'publicRoutes'], true);
    if (!isSeq(list)) return undefined;
    const item = list.items.find((entry) => isScalar(entry) && String(entry.value).trim() === route);
    return this.lineOf(item) ?? this.lineOf(list);
  }
}

/** Lines of resources in the JSON text of a template. */
export class TemplateTextIndex {
  private readonly resourcesOffset: number;

  constructor(private readonly text: string) {
    this.resourcesOffset = Math.max(0, text.indexOf('"Resources"'));
  }

  private lineAt(offset: number): number {
    return this.text.slice(0, offset).split('\n').length;
  }

  /** The line of `"<logicalId>": {` inside `Resources`, else 1. */
  resourceLine(logicalId: string): number {
    const offset = this.text.indexOf(`${JSON.stringify(logicalId)}:`, this.resourcesOffset);
    const spaced =
      offset >= 0 ? offset : this.text.indexOf(`${JSON.stringify(logicalId)} :`, this.resourcesOffset);
    return spaced >= 0 ? this.lineAt(spaced) : 1;
  }

  /** The line of `"Platform"` in the template metadata, else 1. */
  metadataLine(): number {
    const offset = this.text.indexOf('"Platform"');
    return offset >= 0 ? this.lineAt(offset) : 1;
  }
}

/** What {@link locateFindings} needs to know about one template. */
export interface LocateInput {
  template: { Resources: Record<string, CfnResource> };
  templateFile: string;
  templateText: string;
  /** The serverless.yml (`Metadata.Platform.source`) and its text, when it could be read. */
  source?: { file: string; text: string };
}

/**
 * Attaches locations to findings: the serverless.yml line that declares the resource (or the
 * suppression entry) when the source is known, line 1 of it when no line matches, and the
 * template line in every case.
 */
export function locateFindings(findings: readonly Finding[], input: LocateInput): LocatedFinding[] {
  const templateIndex = new TemplateTextIndex(input.templateText);
  const yamlIndex = input.source ? new ServerlessYamlIndex(input.source.text) : undefined;
  return findings.map((finding) => {
    const { subject } = finding;
    const templateLine =
      subject.kind === 'resource' ? templateIndex.resourceLine(subject.id) : templateIndex.metadataLine();
    const templateLocation = { file: input.templateFile, line: templateLine };
    if (!input.source || !yamlIndex) return { ...finding, location: templateLocation, templateLocation };
    const line =
      subject.kind === 'resource'
        ? yamlIndex.resourceLine(subject.id, input.template.Resources[subject.id])
        : subject.kind === 'suppression'
          ? yamlIndex.suppressionLine(subject.index)
          : yamlIndex.publicRouteLine(subject.route);
    return { ...finding, location: { file: input.source.file, line: line ?? 1 }, templateLocation };
  });
}
