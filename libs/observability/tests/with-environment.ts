/**
 * Runs `fn` with the given environment variables set (undefined: unset), then puts every one of
 * them back as it was, also when `fn` throws or rejects.
 */
export function withEnvironment<T>(variables: Record<string, string | undefined>, fn: () => T): T {
  const saved = Object.fromEntries(Object.keys(variables).map((name) => [name, process.env[name]]));
  const apply = (values: Record<string, string | undefined>): void => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  apply(variables);
  let result: T;
  try {
    result = fn();
  } catch (error) {
    apply(saved);
    throw error;
  }
  // A thenable, not `instanceof Promise`: promises made by jest itself come from another realm.
  if (typeof (result as { then?: unknown } | undefined)?.then === 'function') {
    return Promise.resolve(result).finally(() => apply(saved)) as T;
  }
  apply(saved);
  return result;
}
