import type { PropertyPath } from './ast.ts';
import { ODataQueryError, unsupportedClause } from './errors.ts';
import type { CollectionProperty, FilterSchema, ScalarProperty } from './schema-types.ts';

/** Inside `coll/any(x: …)`: the variable and the element's properties. */
export interface LambdaScope {
  variable: string;
  collection: string;
  element: Record<string, ScalarProperty>;
}

export interface ResolvedScalar {
  /** The name Graph's errors use: the last segment, or the collection inside a lambda. */
  name: string;
  property: ScalarProperty;
  /** Where to read the value on a resource (or on an element, inside a lambda). */
  segments: string[];
}

/**
 * Finds the schema entry a written path names. Names match case-insensitively, as Graph's do.
 * An unknown name is Graph's "Could not find a property"; a real but unfilterable one is
 * `Request_UnsupportedQuery`.
 */
export class PropertyResolver {
  readonly #schema: FilterSchema;
  readonly #byLowerName: Map<string, string>;

  constructor(schema: FilterSchema) {
    this.#schema = schema;
    this.#byLowerName = new Map(Object.keys(schema.properties).map((n) => [n.toLowerCase(), n]));
  }

  scalar(path: PropertyPath, lambda: LambdaScope | undefined): ResolvedScalar {
    if (lambda) {
      return this.#lambdaScalar(path, lambda);
    }
    const name = this.#resolve(path);
    const property = this.#schema.properties[name];
    if (property === undefined || property.kind !== 'scalar') {
      throw this.unsupported(lastSegment(name));
    }
    return { name: lastSegment(name), property, segments: name.split('/') };
  }

  collection(path: PropertyPath): { name: string; property: CollectionProperty } {
    const name = this.#resolve(path);
    const property = this.#schema.properties[name];
    if (property === undefined || property.kind !== 'collection') {
      throw this.unsupported(lastSegment(name));
    }
    return { name, property };
  }

  unsupported(name: string): ODataQueryError {
    return unsupportedClause(name, this.#schema.resource);
  }

  #lambdaScalar(path: PropertyPath, lambda: LambdaScope): ResolvedScalar {
    const [head, ...rest] = path.segments;
    if (head !== lambda.variable) {
      throw new ODataQueryError(
        'BadRequest',
        `Invalid filter clause: Only the lambda variable '${lambda.variable}' may be used inside the lambda, at position ${path.position}.`,
      );
    }
    const wanted = rest.join('/').toLowerCase();
    const key = Object.keys(lambda.element).find((k) => k.toLowerCase() === wanted);
    const property = key === undefined ? undefined : lambda.element[key];
    if (key === undefined || property === undefined) {
      throw this.unsupported(lambda.collection);
    }
    return { name: lambda.collection, property, segments: key === '' ? [] : key.split('/') };
  }

  #resolve(path: PropertyPath): string {
    const written = path.segments.join('/');
    const known = this.#byLowerName.get(written.toLowerCase());
    if (known !== undefined) {
      return known;
    }
    const root = (path.segments[0] ?? written).toLowerCase();
    const unfilterable = this.#schema.unfilterable.some((p) => p.toLowerCase() === root);
    const hasFilterableChildren = [...this.#byLowerName.keys()].some((p) =>
      p.startsWith(`${root}/`),
    );
    if (unfilterable || hasFilterableChildren) {
      throw this.unsupported(lastSegment(written));
    }
    throw new ODataQueryError(
      'BadRequest',
      `Could not find a property named '${path.segments[0] ?? written}' on type '${this.#schema.entityType}'.`,
    );
  }
}

function lastSegment(path: string): string {
  return path.split('/').at(-1) ?? path;
}
