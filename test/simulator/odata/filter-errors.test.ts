import { describe, expect, it } from 'vitest';
import {
  compileFilter,
  ODataQueryError,
  userFilterSchema,
} from '../../../src/simulator/odata/filter.ts';
import { E3 } from './users.ts';

function failure(filter: string): { status: number; code: string; message: string } {
  try {
    compileFilter(filter, userFilterSchema);
  } catch (error: unknown) {
    expect(error).toBeInstanceOf(ODataQueryError);
    const e = error as ODataQueryError;
    return { status: e.status, code: e.code, message: e.message };
  }
  throw new Error(`expected "${filter}" to be refused`);
}

describe('user $filter refusals', () => {
  it("refuses a property Entra does not filter with Graph's Request_UnsupportedQuery", () => {
    expect(failure("licenseAssignmentStates eq 'x'")).toEqual({
      status: 400,
      code: 'Request_UnsupportedQuery',
      message:
        "Unsupported or invalid query filter clause specified for property 'licenseAssignmentStates' of resource 'User'.",
    });
  });

  it('refuses an operator the property does not support', () => {
    expect(failure("startswith(id,'0000')").message).toBe(
      "Unsupported or invalid query filter clause specified for property 'id' of resource 'User'.",
    );
    expect(failure('accountEnabled gt false').code).toBe('Request_UnsupportedQuery');
    expect(failure("endsWith(department,'s')").code).toBe('Request_UnsupportedQuery');
    expect(failure("startswith(onPremisesExtensionAttributes/extensionAttribute1,'E')").code).toBe(
      'Request_UnsupportedQuery',
    );
  });

  it('refuses eq null on a property that cannot be filtered on null', () => {
    expect(failure('userPrincipalName eq null').code).toBe('Request_UnsupportedQuery');
  });

  it('refuses a lambda with more than one comparison as an unsupported query', () => {
    expect(failure(`assignedLicenses/any(x:x/skuId eq ${E3} or x/skuId eq ${E3})`)).toEqual({
      status: 400,
      code: 'Request_UnsupportedQuery',
      message: 'Unsupported Query.',
    });
  });

  it("refuses not before a bare comparison, since OData's not binds tighter than eq", () => {
    expect(failure("not department eq 'Sales'")).toEqual({
      status: 400,
      code: 'BadRequest',
      message:
        "Invalid filter clause: A unary operator with an incompatible type was detected. Found operand type 'Edm.String' for operator kind 'Not'.",
    });
    expect(failure('not assignedLicenses/$count eq 0').message).toContain("'Edm.Int32'");
  });

  it('refuses an unknown property as BadRequest naming the type', () => {
    expect(failure("favouriteColour eq 'blue'")).toEqual({
      status: 400,
      code: 'BadRequest',
      message: "Could not find a property named 'favouriteColour' on type 'microsoft.graph.user'.",
    });
  });

  it('refuses a quoted boolean as incompatible types', () => {
    expect(failure("accountEnabled eq 'true'").message).toBe(
      "Invalid filter clause: A binary operator with incompatible types was detected. Found operand types 'Edm.Boolean' and 'Edm.String' for operator kind 'Equal'.",
    );
  });

  it('refuses a quoted SKU id, since Graph takes GUIDs unquoted', () => {
    expect(failure(`assignedLicenses/any(x:x/skuId eq '${E3}')`).message).toContain(
      "'Edm.Guid' and 'Edm.String'",
    );
  });

  it.each([
    ["department eq 'Sales", 14, 'not closed'],
    ['department eq', 13, 'Expected a literal value'],
    ["(department eq 'Sales'", 22, "')' expected"],
    ["department eq 'Sales')", 21, "Unexpected ')'"],
    ["department = 'Sales'", 11, "The character '=' is not valid"],
    ["department equals 'Sales'", 11, 'Expected an operator'],
    ["department eq 'a' and", 21, 'Expected a property'],
    ['', 0, 'The filter is empty'],
    ["department in 'Sales'", 14, "'(' expected"],
    ["startswith(department 'S')", 22, "',' expected"],
  ])('refuses the malformed %j as BadRequest at position %i', (filter, position, detail) => {
    const error = failure(filter);
    expect(error.code).toBe('BadRequest');
    expect(error.message).toContain(`Syntax error at position ${position} in '${filter}'`);
    expect(error.message).toContain(detail);
  });

  it('never treats a malformed filter as match-all', () => {
    for (const filter of ['and', 'not', '()', "'x'", 'department', 'true']) {
      expect(failure(filter).code).toBe('BadRequest');
    }
  });
});
