/** One metric of an EMF directive with every value the line carries for it. */
interface EmfMetric {
  name: string;
  /** CloudWatch unit (`Count`, `Milliseconds`, ...); `None` when the directive gives none. */
  unit: string;
  values: number[];
}

/** One `CloudWatchMetrics` directive of an EMF line, its dimensions resolved to values. */
export interface EmfRecord {
  namespace: string;
  /** Dimension name → value, for every dimension the directive names (`service`, `stage`, ...). */
  dimensions: Record<string, string>;
  metrics: EmfMetric[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A metric's values: a number, or an array of numbers (Powertools batches up to 100). */
function numbers(value: unknown): number[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter((item): item is number => typeof item === 'number' && Number.isFinite(item));
}

/** Whether a line may be EMF, checked before parsing: an object with an `_aws` member. */
export function looksLikeEmf(line: string): boolean {
  const trimmed = line.trimStart();
  return trimmed.startsWith('{') && trimmed.includes('"_aws"');
}

/**
 * Reads a CloudWatch Embedded Metric Format line (as Powertools Metrics prints it): a JSON object
 * whose `_aws.CloudWatchMetrics` declares namespaces, dimension sets and metrics, with the values
 * as top-level members. `undefined` when the line is not EMF.
 *
 * @example
 * parseEmfLine('{"_aws":{"Timestamp":1,"CloudWatchMetrics":[{"Namespace":"N","Dimensions":[["service"]],' +
 *   '"Metrics":[{"Name":"Requests","Unit":"Count"}]}]},"service":"catalog","Requests":[1,1]}');
 * // [{ namespace: 'N', dimensions: { service: 'catalog' }, metrics: [{ name: 'Requests', unit: 'Count', values: [1, 1] }] }]
 */
export function parseEmfLine(line: string): EmfRecord[] | undefined {
  if (!looksLikeEmf(line)) return undefined;
  let document: unknown;
  try {
    document = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isRecord(document) || !isRecord(document['_aws'])) return undefined;
  const directives = document['_aws']['CloudWatchMetrics'];
  if (!Array.isArray(directives)) return undefined;
  const records: EmfRecord[] = [];
  for (const directive of directives) {
    if (!isRecord(directive) || typeof directive['Namespace'] !== 'string') continue;
    const dimensions: Record<string, string> = {};
    const dimensionSets = Array.isArray(directive['Dimensions']) ? directive['Dimensions'] : [];
    for (const set of dimensionSets) {
      if (!Array.isArray(set)) continue;
      for (const name of set) {
        const value = typeof name === 'string' ? document[name] : undefined;
        if (typeof name === 'string' && (typeof value === 'string' || typeof value === 'number')) {
          dimensions[name] = String(value);
        }
      }
    }
    const metrics: EmfMetric[] = [];
    for (const declared of Array.isArray(directive['Metrics']) ? directive['Metrics'] : []) {
      if (!isRecord(declared) || typeof declared['Name'] !== 'string') continue;
      const values = numbers(document[declared['Name']]);
      if (values.length === 0) continue;
      const unit = typeof declared['Unit'] === 'string' ? declared['Unit'] : 'None';
      metrics.push({ name: declared['Name'], unit, values });
    }
    records.push({ namespace: directive['Namespace'], dimensions, metrics });
  }
  return records;
}
