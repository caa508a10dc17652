import { describe, expect, it } from 'vitest';
import { compileUserFilter } from '../../../../src/domain/selection/filter/compile-user-filter.ts';
import { describeUserFilter } from '../../../../src/domain/selection/filter/describe-user-filter.ts';
import { parseUserFilter } from '../../../../src/domain/selection/filter/parse-user-filter.ts';
import { compileFilter, userFilterSchema } from '../../../../src/simulator/odata/filter.ts';
import { e3, e5, exchangePlan1, powerBiPro } from '../../fixtures/tenant.ts';

/** A few SKUs: resolving words against the whole catalogue is the slow part, and not the point. */
const skus = [e3, e5, exchangePlan1, powerBiPro];

/** mulberry32: a tiny seeded generator, so a failure replays. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const seeds = [
  'department eq "Engineering" and not has E5',
  'department eq "Sales" and has SPE_E3',
  '(city in ("Paris", \'Lyon\') or startswith(jobTitle, "Eng")) and accountEnabled eq true',
  'not assignedLicenses/any() or extensionAttribute10 eq "E5 All"',
  'endswith(mail, "@contoso.com") and not (usageLocation ne "GB" or has "Microsoft 365 E3")',
  'companyName eq "O\'Brien" and officeLocation in ("B1") and userType eq "Member"',
  'has Power BI Pro or not has Exchange Online Plan 1',
];

const pieces = [
  ' ',
  ' ',
  ' and ',
  ' or ',
  'not ',
  '(',
  ')',
  ',',
  '"',
  "'",
  '“',
  '”',
  '’',
  'has ',
  'eq ',
  'ne ',
  'in ',
  'startswith',
  'endswith',
  'assignedLicenses/any()',
  'department',
  'accountEnabled',
  'extensionAttribute7',
  'mail',
  'true',
  'false',
  'E5',
  'SPE_E3',
  'Microsoft 365 E3',
  '"x"',
  "'O''Brien'",
  '"a""b"',
  '%27',
  '&$filter=',
  '\n',
  '\t',
  'é',
  '部',
  '🚀',
  '\u0000',
  '\\',
  '/',
  ':',
  'x:x/skuId eq',
  '06ebc4ee-1bb5-47dd-8120-11324bc54e06',
  ') or true',
  "' or '1' eq '1",
];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function randomInput(random: () => number): string {
  const roll = random();
  if (roll < 0.35) {
    let text = '';
    const count = 1 + Math.floor(random() * 12);
    for (let i = 0; i < count; i++) {
      text += pick(random, pieces);
    }
    return text;
  }
  let text = pick(random, seeds);
  const edits = 1 + Math.floor(random() * 3);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(random() * (text.length + 1));
    const kind = random();
    if (kind < 0.4) {
      text = text.slice(0, at) + pick(random, pieces) + text.slice(at);
    } else if (kind < 0.7) {
      text = text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 4));
    } else if (kind < 0.85) {
      text =
        text.slice(0, at) + String.fromCharCode(Math.floor(random() * 0x3000)) + text.slice(at + 1);
    } else {
      text = `${text} ${pick(random, ['and', 'or'])} ${pick(random, seeds)}`;
    }
  }
  return text;
}

describe('user filter fuzzing', () => {
  it('never throws on 100,000 random and mutated filters, and every success runs in the simulator', () => {
    const random = seeded(20_240_601);
    let parsedCount = 0;
    let compiledCount = 0;
    for (let i = 0; i < 100_000; i++) {
      const text = randomInput(random);
      const parsed = parseUserFilter(text);
      if (!parsed.ok) {
        if (!parsed.failure.message.startsWith('At character ')) {
          expect.fail(`no position for ${JSON.stringify(text)}`);
        }
        continue;
      }
      parsedCount += 1;
      const again = parseUserFilter(describeUserFilter(parsed.value));
      if (!again.ok || JSON.stringify(again.value) !== JSON.stringify(parsed.value)) {
        expect.fail(`describe does not read back for ${JSON.stringify(text)}`);
      }
      const compiled = compileUserFilter(parsed.value, skus);
      if (!compiled.ok) {
        continue;
      }
      compiledCount += 1;
      let simulated;
      try {
        simulated = compileFilter(compiled.value.filter, userFilterSchema);
      } catch (error) {
        expect.fail(`${JSON.stringify(text)} → ${compiled.value.filter}: ${String(error)}`);
      }
      if (simulated.requiresAdvancedQuery !== compiled.value.advanced) {
        expect.fail(`advanced differs for ${compiled.value.filter}`);
      }
    }
    // The generator must reach the interesting paths, not only syntax errors.
    expect(parsedCount).toBeGreaterThan(10_000);
    expect(compiledCount).toBeGreaterThan(5_000);
    // About 6 s alone; with coverage on and another file beside it, several times that.
  }, 180_000);
});
