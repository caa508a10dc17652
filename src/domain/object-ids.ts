/**
 * How object ids look in the directory License Desk talks to. Entra's are GUIDs; the Teams App
 * Test Tool (and so the embedded demo tenant) spells its users' ids with 13 hex digits at the
 * end. Only the embedded run accepts those: production checks ids strictly.
 */
export type ObjectIdFormat = 'guid' | 'testTool';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TEST_TOOL_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12,13}$/i;

/** Whether `text` is an object id in `format`. */
export function isObjectId(text: string, format: ObjectIdFormat): boolean {
  return (format === 'guid' ? GUID : TEST_TOOL_ID).test(text);
}

/** Tenant ids are GUIDs that Teams and Entra may spell in either case: one rule compares them. */
export function sameTenantId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
