import { isJsonObject } from './json-value';

/**
 * A string value of a template with its intrinsic functions folded as far as they can be without
 * deploying: literal parts are kept, anything known only at deploy time becomes a `${…}`
 * placeholder (`{ "Ref": "AWS::Region" }` → `${AWS::Region}`).
 */
export interface RenderedString {
  text: string;
  /** True when the whole value is known: no placeholder is left in `text`. */
  exact: boolean;
}

const unknown = (label: string): RenderedString => ({ text: '${' + label + '}', exact: false });

/**
 * Folds a template value into a string. Handles literals, numbers, `Ref`, `Fn::GetAtt`, `Fn::Sub`
 * and `Fn::Join`; any other function becomes a placeholder. Returns `undefined` for values that
 * are not string-like (objects without a function, lists, booleans).
 *
 * @example
 * renderString({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::b']] });
 * // { text: 'arn:${AWS::Partition}:s3:::b', exact: false }
 */
export function renderString(value: unknown): RenderedString | undefined {
  if (typeof value === 'string') return { text: value, exact: true };
  if (typeof value === 'number') return { text: String(value), exact: true };
  if (!isJsonObject(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const [fn] = keys as [string];
  const argument = value[fn];
  switch (fn) {
    case 'Ref':
      return unknown(String(argument));
    case 'Fn::GetAtt':
      return unknown(Array.isArray(argument) ? argument.map(String).join('.') : String(argument));
    case 'Fn::Sub':
      return renderSub(argument);
    case 'Fn::Join':
      return renderJoin(argument);
    default:
      return fn.startsWith('Fn::') ? unknown(fn) : undefined;
  }
}

function renderSub(argument: unknown): RenderedString {
  const [template, variables] = Array.isArray(argument) ? argument : [argument, undefined];
  if (typeof template !== 'string') return unknown('Fn::Sub');
  let exact = true;
  const text = template.replace(/\$\{(!?)([^}]*)\}/g, (_match, escaped: string, name: string) => {
    if (escaped) return '${' + name + '}';
    const bound = isJsonObject(variables) ? renderString(variables[name]) : undefined;
    if (bound?.exact) return bound.text;
    exact = false;
    return bound ? bound.text : '${' + name + '}';
  });
  return { text, exact };
}

function renderJoin(argument: unknown): RenderedString {
  if (!Array.isArray(argument) || typeof argument[0] !== 'string' || !Array.isArray(argument[1])) {
    return unknown('Fn::Join');
  }
  const parts = argument[1].map((part) => renderString(part) ?? unknown('?'));
  return { text: parts.map((part) => part.text).join(argument[0]), exact: parts.every((part) => part.exact) };
}

/** True when the value is, after folding intrinsics, exactly the string `text`. */
export function isExactly(value: unknown, text: string): boolean {
  const rendered = renderString(value);
  return rendered !== undefined && rendered.exact && rendered.text === text;
}

/**
 * The logical id a value points at through `Ref`, `Fn::GetAtt` (list or `Id.Attr` form) or a
 * `Fn::Sub` that is nothing but `${Id}` / `${Id.Attr}`; `undefined` for anything else. Pseudo
 * parameters (`AWS::Region`) are returned too: callers check the id against the template.
 *
 * @example
 * referencedId({ 'Fn::GetAtt': ['ServiceTable', 'Arn'] }); // 'ServiceTable'
 */
export function referencedId(value: unknown): string | undefined {
  if (!isJsonObject(value)) return undefined;
  if (typeof value.Ref === 'string') return value.Ref;
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  if (typeof getAtt === 'string') return getAtt.split('.')[0];
  const sub = value['Fn::Sub'];
  if (typeof sub === 'string') {
    const match = /^\$\{([A-Za-z0-9]+)(\.[A-Za-z0-9.]+)?\}$/.exec(sub);
    if (match) return match[1];
  }
  return undefined;
}

/**
 * Reads a CloudFormation boolean: `true`/`false` or the strings `"true"`/`"false"` (any case).
 * Returns `undefined` when the value is absent or computed at deploy time (an intrinsic), so a
 * rule can tell "off" from "cannot know".
 */
export function readBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const lower = value.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  return undefined;
}
