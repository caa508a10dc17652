import { describe, expect, it } from 'vitest';
import {
  licenseCommandGrammar,
  parseLicenseCommand,
  parseLicenseCommandArguments,
} from '../../../src/domain/commands/grammar.ts';

function parsed(text: string) {
  const result = parseLicenseCommand(text);
  if (!result.ok) {
    throw new Error(`expected "${text}" to parse: ${result.failure.message}`);
  }
  return result.value;
}

function refusal(text: string) {
  const result = parseLicenseCommand(text);
  if (result.ok) {
    throw new Error(`expected "${text}" to be refused`);
  }
  return result.failure;
}

describe('assign', () => {
  it('reads a SKU and one user', () => {
    expect(parsed('assign E5 to adele@contoso.com')).toEqual({
      kind: 'assign',
      license: 'E5',
      users: ['adele@contoso.com'],
      withoutPlans: [],
    });
  });

  it('reads a template name with spaces and a list of users', () => {
    expect(
      parsed('Assign Standard Employee to Megan Bowen, alex@contoso.com and Lynne Robbins'),
    ).toMatchObject({
      license: 'Standard Employee',
      users: ['Megan Bowen', 'alex@contoso.com', 'Lynne Robbins'],
    });
  });

  it('reads plans to leave off and a usage location, in either order', () => {
    const expected = {
      kind: 'assign',
      license: 'Microsoft 365 E3',
      users: ['adele@contoso.com'],
      withoutPlans: ['Teams', 'Sway'],
      usageLocation: 'FR',
    };
    expect(
      parsed('assign Microsoft 365 E3 to adele@contoso.com without Teams, Sway location fr'),
    ).toEqual(expected);
    expect(
      parsed('assign Microsoft 365 E3 to adele@contoso.com location FR without Teams and Sway'),
    ).toEqual(expected);
  });

  it('takes a country name for the location', () => {
    expect(parsed('assign E3 to adele@contoso.com usage location Germany')).toMatchObject({
      usageLocation: 'DE',
    });
  });

  it('refuses a location that is not a country', () => {
    expect(refusal('assign E3 to adele@contoso.com location Mars')).toMatchObject({
      code: 'INVALID_LOCATION',
      message: expect.stringContaining('two-letter country code'),
    });
  });

  it('forgives quotes and the word "license"', () => {
    expect(parsed('assign license \u201cPower BI Pro\u201d to adele@contoso.com.')).toMatchObject({
      license: 'Power BI Pro',
      users: ['adele@contoso.com'],
    });
  });

  it('takes text already made plain as it is: what looks like markup in a reason stays', () => {
    expect(parsed('assign E3 to adele@contoso.com because a <b> c &lt; d')).toMatchObject({
      justification: 'a <b> c &lt; d',
    });
  });

  it('reads a pasted column of addresses', () => {
    expect(parsed('assign E3 to a@contoso.com b@contoso.com c@contoso.com')).toMatchObject({
      users: ['a@contoso.com', 'b@contoso.com', 'c@contoso.com'],
    });
  });

  it('says what is missing when there is no license', () => {
    expect(refusal('assign')).toMatchObject({
      code: 'MISSING_LICENSE',
      example: expect.stringContaining('assign'),
    });
    expect(refusal('assign to adele@contoso.com').code).toBe('MISSING_LICENSE');
  });

  it('says what is missing when there are no users', () => {
    expect(refusal('assign E3')).toMatchObject({
      code: 'MISSING_USERS',
      message: expect.stringContaining('E3'),
    });
    expect(refusal('assign E3 to').code).toBe('MISSING_USERS');
    expect(refusal('assign E3 to without Teams').code).toBe('MISSING_USERS');
  });
});

describe('remove', () => {
  it('reads a SKU and users', () => {
    expect(parsed('remove Power BI Pro from adele@contoso.com, megan@contoso.com')).toEqual({
      kind: 'remove',
      license: { scope: 'sku', sku: 'Power BI Pro' },
      users: ['adele@contoso.com', 'megan@contoso.com'],
    });
  });

  it('reads "all" as every license', () => {
    expect(parsed('remove all from patti@contoso.com')).toMatchObject({
      license: { scope: 'all' },
    });
    expect(parsed('remove all licenses from patti@contoso.com')).toMatchObject({
      license: { scope: 'all' },
    });
  });

  it('says what is missing', () => {
    expect(refusal('remove').code).toBe('MISSING_LICENSE');
    expect(refusal('remove from adele@contoso.com').code).toBe('MISSING_LICENSE');
    expect(refusal('remove E3').code).toBe('MISSING_USERS');
  });
});

describe('transfer', () => {
  it('reads users and both SKUs', () => {
    expect(parsed('transfer adele@contoso.com from Office 365 E3 to Microsoft 365 E3')).toEqual({
      kind: 'transfer',
      users: ['adele@contoso.com'],
      fromSku: 'Office 365 E3',
      toSku: 'Microsoft 365 E3',
    });
  });

  it('accepts "swap" and several users', () => {
    expect(parsed('swap a@contoso.com, b@contoso.com from E3 to E5')).toMatchObject({
      kind: 'transfer',
      users: ['a@contoso.com', 'b@contoso.com'],
    });
  });

  it('says what is missing', () => {
    expect(refusal('transfer').code).toBe('MISSING_USERS');
    expect(refusal('transfer adele@contoso.com to E5').code).toBe('MISSING_SKU');
    expect(refusal('transfer adele@contoso.com from E3').code).toBe('MISSING_SKU');
    expect(refusal('transfer adele@contoso.com from E3 to').code).toBe('MISSING_SKU');
  });
});

describe('enable and disable', () => {
  it('reads plans, the SKU and users', () => {
    expect(parsed('disable Teams, Sway in Microsoft 365 E3 for adele@contoso.com')).toEqual({
      kind: 'modify',
      action: 'disable',
      plans: ['Teams', 'Sway'],
      sku: 'Microsoft 365 E3',
      users: ['adele@contoso.com'],
    });
  });

  it('leaves the SKU out when not given', () => {
    expect(parsed('enable Exchange for isaiah@contoso.com')).toEqual({
      kind: 'modify',
      action: 'enable',
      plans: ['Exchange'],
      users: ['isaiah@contoso.com'],
    });
  });

  it('keeps a plan name that contains "for"', () => {
    expect(parsed('enable Office for the web for adele@contoso.com')).toMatchObject({
      plans: ['Office for the web'],
      users: ['adele@contoso.com'],
    });
  });

  it('says what is missing', () => {
    expect(refusal('disable Teams').code).toBe('MISSING_USERS');
    expect(refusal('disable for adele@contoso.com').code).toBe('MISSING_PLANS');
    expect(refusal('enable in E3 for adele@contoso.com').code).toBe('MISSING_PLANS');
  });
});

describe('request', () => {
  it('opens the form', () => {
    expect(parsed('Request')).toEqual({ kind: 'request' });
  });
});

describe('other text', () => {
  it('refuses empty and overlong text', () => {
    expect(refusal('   ').code).toBe('EMPTY');
    expect(refusal('\n\t').code).toBe('EMPTY');
    expect(refusal('assign E3 to ' + 'a'.repeat(20_000)).code).toBe('TOO_LONG');
  });

  it('suggests the verb a typo was meant to be', () => {
    expect(refusal('asign E3 to adele@contoso.com')).toMatchObject({
      code: 'NOT_A_LICENSE_COMMAND',
      suggestion: 'assign',
      message: 'I don\'t know "asign". Did you mean "assign"?',
    });
  });

  it('says it is not a license command without a guess for nonsense', () => {
    const failure = refusal('what is the weather');
    expect(failure.code).toBe('NOT_A_LICENSE_COMMAND');
    expect(failure.suggestion).toBeUndefined();
  });
});

describe('a reason after "because"', () => {
  it('is kept as the justification of any change, the command read without it', () => {
    expect(parsed('assign E5 to adele@contoso.com because she joins the security team')).toEqual({
      kind: 'assign',
      license: 'E5',
      users: ['adele@contoso.com'],
      withoutPlans: [],
      justification: 'she joins the security team',
    });
    expect(
      parsed('assign E3 to a@contoso.com without Teams location FR because new starter, Paris'),
    ).toMatchObject({
      withoutPlans: ['Teams'],
      usageLocation: 'FR',
      justification: 'new starter, Paris',
    });
    expect(parsed('remove E3 from a@contoso.com because she left')).toMatchObject({
      kind: 'remove',
      users: ['a@contoso.com'],
      justification: 'she left',
    });
    expect(parsed('transfer a@contoso.com from E3 to E5 because promoted')).toMatchObject({
      toSku: 'E5',
      justification: 'promoted',
    });
    expect(parsed('disable Teams for a@contoso.com Because policy')).toMatchObject({
      users: ['a@contoso.com'],
      justification: 'policy',
    });
  });

  it('leaves a location a fix card added after the reason to the command', () => {
    expect(parsed('assign E3 to a@contoso.com because new starter location gb')).toMatchObject({
      usageLocation: 'GB',
      justification: 'new starter',
    });
  });

  it('asks for the reason after a bare "because", and refuses a reason too long', () => {
    expect(refusal('assign E3 to a@contoso.com because').code).toBe('MISSING_REASON');
    expect(refusal(`assign E3 to a@contoso.com because ${'x'.repeat(1_001)}`).code).toBe(
      'TOO_LONG',
    );
  });

  it('is not part of `request`, which opens the form', () => {
    expect(parsed('request because new starter')).toEqual({ kind: 'request' });
  });
});

describe('help', () => {
  it('documents every command with examples that themselves parse', () => {
    for (const entry of licenseCommandGrammar) {
      expect(entry.help.examples.length).toBeGreaterThan(0);
      for (const example of entry.help.examples) {
        expect(parseLicenseCommand(example).ok).toBe(true);
      }
    }
  });
});

describe('parseLicenseCommandArguments', () => {
  it('parses the words after a verb a router matched', () => {
    expect(parseLicenseCommandArguments('Disable', 'Teams for adele@contoso.com')).toEqual({
      ok: true,
      value: { kind: 'modify', action: 'disable', plans: ['Teams'], users: ['adele@contoso.com'] },
    });
    expect(parseLicenseCommandArguments('fly', 'to the moon')).toMatchObject({
      ok: false,
      failure: { code: 'NOT_A_LICENSE_COMMAND' },
    });
  });
});
