import { skuDisplayName } from '../../catalogue/display-names.ts';
import { resolveSku } from '../../catalogue/resolve-sku.ts';
import { fail, ok, type Result } from '../../errors.ts';
import type { Sku } from '../../licensing.ts';
import type { FilterCompileError } from './filter-node.ts';
import { odataGuidLiteral } from './odata-literal.ts';

/**
 * The skuId, as an OData GUID, of the tenant's SKU that `has <words>` names; or why there is
 * none: unknown (with the closest product), ambiguous (with the choices), or an id that is not a
 * GUID (which would otherwise reach the query unchecked).
 */
export function resolveFilterSku(
  word: string,
  skus: readonly Sku[],
): Result<string, FilterCompileError> {
  const resolution = resolveSku(word, skus);
  switch (resolution.kind) {
    case 'unknown': {
      const suggestion = resolution.suggestion && skuDisplayName(resolution.suggestion);
      return fail({
        code: 'SKU_UNKNOWN',
        word,
        message: `I can't find the license "${word}" in this tenant.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
        ...(suggestion ? { suggestion } : {}),
      });
    }
    case 'ambiguous': {
      const choices = resolution.candidates.map((sku) => skuDisplayName(sku));
      return fail({
        code: 'SKU_AMBIGUOUS',
        word,
        choices,
        message: `"${word}" could be ${choices.join(' or ')}: which one? Write it out, like has "${choices[0]}".`,
      });
    }
    case 'found': {
      const guid = odataGuidLiteral(resolution.sku.skuId);
      return guid === undefined
        ? fail({
            code: 'SKU_ID_INVALID',
            word,
            message: `The license "${skuDisplayName(resolution.sku)}" has an id that is not a GUID, so it cannot be used in a filter.`,
          })
        : ok(guid);
    }
  }
}
