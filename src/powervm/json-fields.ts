/** Untrusted JSON, read field by field: every accessor checks the type it promises. */
export type JsonObject = { readonly [key: string]: unknown };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function objectAt(parent: unknown, key: string): JsonObject | undefined {
  const value = isObject(parent) ? parent[key] : undefined;
  return isObject(value) ? value : undefined;
}

/** Objects of an array field; non-object items are dropped (they carry nothing we could read). */
export function objectsAt(parent: unknown, key: string): JsonObject[] {
  const value = isObject(parent) ? parent[key] : undefined;
  return Array.isArray(value) ? value.filter(isObject) : [];
}

const NO_ITEMS: readonly unknown[] = [];

/**
 * The items of an array field as they are (none if it is not an array), for a loop that skips the
 * non-objects itself: objectsAt's filtered copy, once per adapter list of every LPAR, is garbage.
 */
export function itemsAt(parent: unknown, key: string): readonly unknown[] {
  const value = isObject(parent) ? parent[key] : undefined;
  return Array.isArray(value) ? value : NO_ITEMS;
}

export function numberAt(parent: unknown, key: string): number | undefined {
  const value = isObject(parent) ? parent[key] : undefined;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function stringAt(parent: unknown, key: string): string | undefined {
  const value = isObject(parent) ? parent[key] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** Partition ids are numbers in phyp and strings in vios/lpar files (§7); compare them as integers. */
export function idAt(parent: unknown, key: string): number | undefined {
  const value = isObject(parent) ? parent[key] : undefined;
  const id = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof id === 'number' && Number.isInteger(id) ? id : undefined;
}
