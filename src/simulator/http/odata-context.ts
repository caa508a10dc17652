import type { Selection } from './projection.ts';

const metadata = 'https://graph.microsoft.com/v1.0/$metadata#';

/** `@odata.context` of a collection: `…#users` or `…#users(id,displayName)` with `$select`. */
export function collectionContext(entitySet: string, selection: Selection): string {
  return selection === undefined
    ? `${metadata}${entitySet}`
    : `${metadata}${entitySet}(${selection.join(',')})`;
}

/** `@odata.context` of one entity: `…#users/$entity` or `…#users(id)/$entity`. */
export function entityContext(entitySet: string, selection: Selection): string {
  return `${collectionContext(entitySet, selection)}/$entity`;
}

/** `@odata.context` of anything else, spelled as Graph spells it after the `#`. */
export function rawContext(fragment: string): string {
  return `${metadata}${fragment}`;
}
