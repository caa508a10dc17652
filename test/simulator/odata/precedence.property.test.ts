import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/simulator/faults/prng.ts';
import { compileFilter, userFilterSchema } from '../../../src/simulator/odata/filter.ts';
import { E3, everyone } from './users.ts';

/** Clauses with their meaning written plainly in JavaScript, as the oracle. */
const atoms: Array<{ text: string; holds: (u: Record<string, unknown>) => boolean }> = [
  { text: "department eq 'sales'", holds: (u) => String(u.department).toLowerCase() === 'sales' },
  { text: 'accountEnabled eq true', holds: (u) => u.accountEnabled === true },
  {
    text: "startswith(displayName,'m')",
    holds: (u) => String(u.displayName).toLowerCase().startsWith('m'),
  },
  { text: "city in ('Paris','Redmond')", holds: (u) => u.city === 'Paris' || u.city === 'Redmond' },
  {
    text: `assignedLicenses/any(x:x/skuId eq ${E3})`,
    holds: (u) => (u.assignedLicenses as Array<{ skuId: string }>).some((l) => l.skuId === E3),
  },
  { text: 'usageLocation eq null', holds: (u) => u.usageLocation === null },
];

type Tree =
  | { kind: 'atom'; index: number }
  | { kind: 'not'; operand: Tree }
  | { kind: 'and' | 'or'; left: Tree; right: Tree };

function randomTree(random: () => number, depth: number): Tree {
  const roll = random();
  if (depth === 0 || roll < 0.3) {
    return { kind: 'atom', index: Math.floor(random() * atoms.length) };
  }
  if (roll < 0.45) {
    return { kind: 'not', operand: randomTree(random, depth - 1) };
  }
  return {
    kind: roll < 0.72 ? 'and' : 'or',
    left: randomTree(random, depth - 1),
    right: randomTree(random, depth - 1),
  };
}

function oracle(tree: Tree, user: Record<string, unknown>): boolean {
  switch (tree.kind) {
    case 'atom':
      return atoms[tree.index]!.holds(user);
    case 'not':
      return !oracle(tree.operand, user);
    case 'and':
      return oracle(tree.left, user) && oracle(tree.right, user);
    case 'or':
      return oracle(tree.left, user) || oracle(tree.right, user);
  }
}

const PRECEDENCE = { or: 1, and: 2, not: 3, atom: 4 } as const;

/** Writes the tree with only the parentheses OData precedence needs (not > and > or). */
function minimal(tree: Tree, keyword: (k: string) => string): string {
  switch (tree.kind) {
    case 'atom':
      return atoms[tree.index]!.text;
    case 'not':
      return `${keyword('not')} (${minimal(tree.operand, keyword)})`;
    case 'and':
    case 'or': {
      const side = (child: Tree) => {
        const text = minimal(child, keyword);
        // Left-associative: a right child of the same precedence needs parentheses too.
        const needs =
          PRECEDENCE[child.kind] < PRECEDENCE[tree.kind] ||
          (child === tree.right && PRECEDENCE[child.kind] === PRECEDENCE[tree.kind]);
        return needs ? `(${text})` : text;
      };
      return `${side(tree.left)} ${keyword(tree.kind)} ${side(tree.right)}`;
    }
  }
}

describe('$filter precedence and combinations (property-based, seeded)', () => {
  it('agrees with a plain boolean oracle on 400 random expressions with minimal parentheses', () => {
    const random = mulberry32(20261123);
    for (let i = 0; i < 400; i += 1) {
      const tree = randomTree(random, 4);
      const upper = random() < 0.5;
      const text = minimal(tree, (k) => (upper ? k.toUpperCase() : k));
      const compiled = compileFilter(text, userFilterSchema);
      for (const user of everyone) {
        expect({ text, user: user.displayName, result: compiled.matches(user) }).toEqual({
          text,
          user: user.displayName,
          result: oracle(tree, user),
        });
      }
    }
  });

  it('binds and tighter than or', () => {
    const text = "department eq 'it' or department eq 'sales' and accountEnabled eq false";
    const compiled = compileFilter(text, userFilterSchema);
    const kept = everyone.filter((u) => compiled.matches(u)).map((u) => u.displayName);
    expect(kept).toEqual(["Megan O'Bowen", 'Lynne Robbins']);
  });

  it('binds not tighter than and', () => {
    const text = "not (department eq 'sales') and accountEnabled eq true";
    const compiled = compileFilter(text, userFilterSchema);
    const kept = everyone.filter((u) => compiled.matches(u)).map((u) => u.displayName);
    expect(kept).toEqual(["Megan O'Bowen"]);
  });

  it('marks a filter advanced as soon as one clause is, wherever it sits', () => {
    const random = mulberry32(7);
    for (let i = 0; i < 100; i += 1) {
      const tree = randomTree(random, 3);
      const text = minimal(tree, (k) => k);
      const expected = text.includes('not') || text.includes('eq null');
      expect(compileFilter(text, userFilterSchema).requiresAdvancedQuery).toBe(expected);
    }
  });
});
