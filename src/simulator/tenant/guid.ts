const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when the text is a well-formed GUID, the only form Graph accepts for SKU and plan ids. */
export function isGuid(text: unknown): text is string {
  return typeof text === 'string' && GUID.test(text);
}
