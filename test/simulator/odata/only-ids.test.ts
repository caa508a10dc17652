import { describe, expect, it } from 'vitest';
import { compileFilter, userFilterSchema } from '../../../src/simulator/odata/filter.ts';

const A = '00000000-0000-0000-0000-0000000000025';
const B = '00000000-0000-0000-0000-00000000000AB';

const onlyIds = (filter: string) => {
  const ids = compileFilter(filter, userFilterSchema).onlyIds;
  return ids === undefined ? undefined : [...ids].sort();
};

describe('a filter limited to ids', () => {
  it('names the ids of `id eq` and `id in`, lower-cased, and their intersection under `and`', () => {
    expect(onlyIds(`id eq '${A}'`)).toEqual([A]);
    expect(onlyIds(`id in ('${A}', '${B}')`)).toEqual([A, B.toLowerCase()].sort());
    expect(onlyIds(`id in ('${A}', '${B}') and department eq 'Sales'`)).toEqual(
      [A, B.toLowerCase()].sort(),
    );
    expect(onlyIds(`id in ('${A}', '${B}') and id eq '${B}'`)).toEqual([B.toLowerCase()]);
  });

  it('names none when another item could match: or, ne, not, other properties', () => {
    expect(onlyIds(`id eq '${A}' or department eq 'Sales'`)).toBeUndefined();
    expect(onlyIds(`id ne '${A}'`)).toBeUndefined();
    expect(onlyIds(`department eq 'Sales'`)).toBeUndefined();
  });
});
