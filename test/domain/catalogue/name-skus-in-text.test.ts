import { describe, expect, it } from 'vitest';
import { nameSkusInText } from '../../../src/domain/catalogue/name-skus-in-text.ts';

const powerBiPro = { skuId: 'f8a1db68-be16-40ed-86d5-cb42ce701560', skuPartNumber: 'POWER_BI_PRO' };
const e5 = { skuId: '06ebc4ee-1bb5-47dd-8120-11324bc54e06', skuPartNumber: 'SPE_E5' };

describe('nameSkusInText', () => {
  it('names the product where a message only carries its SKU id, whatever its case', () => {
    expect(
      nameSkusInText(
        'There are no free seats left in subscription F8A1DB68-BE16-40ED-86D5-CB42CE701560.',
        [e5, powerBiPro],
      ),
    ).toBe('There are no free seats left in subscription Power BI Pro.');
  });

  it('leaves ids of SKUs the tenant does not hold, and messages without ids, as they are', () => {
    const text = 'Subscription 00000000-0000-0000-0000-000000000000 was not found.';
    expect(nameSkusInText(text, [e5])).toBe(text);
  });
});
