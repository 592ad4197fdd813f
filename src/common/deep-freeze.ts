/**
 * Freezes a value and everything it holds; what is already frozen is left as it is. Records shared
 * between requests (the report cache, kept assessments) are frozen so that no service can change
 * what another request gets.
 */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
