import { describe, expect, it } from 'vitest';
import { isObjectId, sameTenantId } from '../../src/domain/object-ids.ts';

const GUID = '6e2a4f0e-8a1c-4b1e-9c55-0f3c2a7b9d10';
const TEST_TOOL = '00000000-0000-0000-0000-0000000000020';

describe('object ids', () => {
  it.each([
    [GUID, 'guid', true],
    [GUID.toUpperCase(), 'guid', true],
    [TEST_TOOL, 'guid', false],
    ['group-license-approvers', 'guid', false],
    [`${GUID}0`, 'guid', false],
    [GUID, 'testTool', true],
    [TEST_TOOL, 'testTool', true],
    [`${TEST_TOOL}0`, 'testTool', false],
  ] as const)('%s is an object id in %s format: %s', (text, format, expected) => {
    expect(isObjectId(text, format)).toBe(expected);
  });

  it('compares tenant ids without case', () => {
    expect(sameTenantId(GUID, GUID.toUpperCase())).toBe(true);
    expect(sameTenantId(GUID, TEST_TOOL)).toBe(false);
  });
});
