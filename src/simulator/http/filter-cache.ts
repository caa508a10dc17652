import { compileFilter, type CompiledFilter, type FilterSchema } from '../odata/filter.ts';

const capacity = 512;

/**
 * Compiled `$filter`s by schema and text, so following a nextLink or repeating a query does
 * not parse again. One per server (no module state); the oldest entry leaves when full.
 * Compilation errors are not cached: they throw every time, as they should.
 */
export class FilterCache {
  readonly #entries = new Map<string, CompiledFilter>();
  readonly #schemaIds = new WeakMap<FilterSchema, number>();
  #nextSchemaId = 0;

  /** The compiled filter; throws the filter module's `ODataQueryError` when the text is bad. */
  get(text: string, schema: FilterSchema): CompiledFilter {
    const key = `${this.#schemaId(schema)}:${text}`;
    const cached = this.#entries.get(key);
    if (cached) {
      return cached;
    }
    const compiled = compileFilter(text, schema);
    if (this.#entries.size >= capacity) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) {
        this.#entries.delete(oldest);
      }
    }
    this.#entries.set(key, compiled);
    return compiled;
  }

  #schemaId(schema: FilterSchema): number {
    let id = this.#schemaIds.get(schema);
    if (id === undefined) {
      id = this.#nextSchemaId++;
      this.#schemaIds.set(schema, id);
    }
    return id;
  }
}
