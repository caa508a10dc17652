const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Text as an OData string literal: in single quotes, each quote doubled (`'O''Brien'`). Inside
 * it nothing else is special to OData, so no value can end the literal early; URL encoding is
 * the HTTP client's job.
 */
export function odataStringLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** A GUID as OData writes it (bare, lower case), or undefined when the text is not a GUID. */
export function odataGuidLiteral(value: string): string | undefined {
  return GUID.test(value) ? value.toLowerCase() : undefined;
}
