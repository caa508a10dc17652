import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ruleGroupCreateData } from '../../../src/bot/commands/rule-preview-command.ts';
import { dynamicGroupBody } from '../../../src/domain/dynamic-rules/dynamic-group-body.ts';
import { parseRule } from '../../../src/domain/dynamic-rules/parse-rule.ts';
import { SKUS } from '../../../src/simulator/seed/demo-skus.ts';
import type { TestStack } from '../../support/stack.ts';
import { ALEX_WILBER } from '../../support/stack.ts';
import { buttonsOf, cardOf, shownOn, textOf } from '../support/replies.ts';
import { MEGAN, startRequestStack } from '../support/request-stack.ts';
import { seededTenant } from '../support/seeded-tenant.ts';

const RULE = '(user.extensionAttribute10 -eq "E3 All") -and (user.department -ne "Sales")';

let stack: TestStack;
const shown = (card: unknown) => shownOn(card).join('\n');

/** The members, worked out from the seed alone: Entra compares text without case. */
const members = seededTenant.users.filter(
  (user) =>
    user.onPremisesExtensionAttributes.extensionAttribute10?.toLowerCase() === 'e3 all' &&
    user.department?.toLowerCase() !== 'sales',
);
const byName = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
const firstTen = [...members]
  .sort(
    (a, b) =>
      byName.compare(a.displayName, b.displayName) ||
      byName.compare(a.userPrincipalName, b.userPrincipalName),
  )
  .slice(0, 10);
const holds = (user: (typeof members)[number], skuId: string) =>
  user.licenseAssignmentStates.some((state) => state.skuId === skuId);

beforeAll(async () => {
  stack = await startRequestStack({ env: { SIMULATOR_SEED: '1' } });
});

afterEach(() => stack.settle());

afterAll(async () => {
  await stack?.close();
});

describe('preview rule', () => {
  it("shows who seed 004's rule makes members: the count over the whole tenant and the first ten by name", async () => {
    expect(members.length).toBeGreaterThan(10);
    const turn = await stack.personalMessage(`preview rule ${RULE}`, ALEX_WILBER);
    const card = cardOf(turn);
    const text = shown(card);
    expect(text).toContain(
      'user.extensionAttribute10 -eq "E3 All" -and user.department -ne "Sales"',
    );
    expect(text).toContain(
      `${members.length} of ${seededTenant.users.length} users would be members.`,
    );
    const names = firstTen.map((user) => `${user.displayName} (${user.userPrincipalName})`);
    const listed = shownOn(card).filter((line) => names.includes(line));
    expect(listed).toEqual(names);
    expect(text).toContain(`and ${members.length - 10} more`);
    // A requester previews; only approvers are offered to create the group.
    expect(buttonsOf(card)).toEqual([]);
    expect(text).not.toContain('Would get it');
  });

  it('with a license, says who would get it, who holds it, seats needed and free, usage locations and the monthly cost', async () => {
    const sim = stack.simulator.tenant();
    const e5 = sim.subscribedSkus().find((sku) => sku.skuId === SKUS.SPE_E5)!;
    const gaining = members.filter((user) => !holds(user, SKUS.SPE_E5));
    // One of them has lost their usage location since the seed: a group would give the tenant's.
    expect(sim.updateUser(gaining[0]!.id, { usageLocation: null }).ok).toBe(true);
    const free = e5.prepaidUnits.enabled - e5.consumedUnits;
    const short = Math.max(0, gaining.length - Math.max(0, free));
    const withoutLocation = 1 + gaining.slice(1).filter((user) => !user.usageLocation).length;
    const price = (await stack.desk.store.prices.list(stack.tenantId)).find(
      (entry) => entry.skuId === SKUS.SPE_E5,
    )!;
    const country = sim.organization().countryLetterCode;

    const turn = await stack.personalMessage(`preview rule ${RULE} with Microsoft 365 E5`, MEGAN);
    const card = cardOf(turn);
    const facts = Object.fromEntries(
      (
        (card.body as { type: string; facts?: { title: string; value: string }[] }[]).find(
          (element) => element.type === 'FactSet',
        )?.facts ?? []
      ).map((fact) => [fact.title, fact.value]),
    );
    expect(facts['Would get it']).toBe(`${gaining.length} members`);
    // In the seed, "E3 All" people hold E3, not E5.
    expect(gaining).toHaveLength(members.length);
    expect(facts['Already hold it']).toBe('none');
    expect(facts['Microsoft 365 E5 seats']).toBe(
      `${gaining.length} needed, ${Math.max(0, free)} free${short > 0 ? `: ${short} short` : ''}`,
    );
    expect(facts['Without usage location']).toMatch(
      new RegExp(
        `^${withoutLocation} members?: they would get .+ \\(${country}\\), the tenant's country$`,
      ),
    );
    const cost = new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency: price.currency,
    }).format(gaining.length * price.monthlyAmount);
    expect(facts['Monthly cost']).toBe(`${cost} more a month`);
    // An approver may ask for the group, named, with the rule as Entra reads it.
    expect(buttonsOf(card)).toEqual([
      {
        title: 'Create this group',
        verb: 'rule-group-create',
        data: {
          rule: 'user.extensionAttribute10 -eq "E3 All" -and user.department -ne "Sales"',
          license: 'Microsoft 365 E5',
        },
      },
    ]);
    expect(
      (card.body as { type: string; id?: string }[]).some(
        (element) => element.type === 'Input.Text' && element.id === 'name',
      ),
    ).toBe(true);
  });

  it("carries what a group needs: created from the card's data, Entra's group has the members the preview counted", async () => {
    const turn = await stack.personalMessage(`preview rule ${RULE}`, MEGAN);
    const card = cardOf(turn);
    expect(shown(card)).toContain(`${members.length} of ${seededTenant.users.length} users`);
    const [create] = buttonsOf(card);
    // Teams sends the inputs with the button's data.
    const data = ruleGroupCreateData.parse({ ...create!.data, name: 'E3 All outside Sales' });
    const parsed = parseRule(data.rule);
    const body = parsed.ok ? dynamicGroupBody(data.name, parsed.value) : undefined;
    expect(body?.ok).toBe(true);
    const graph = (path: string, init: RequestInit = {}) =>
      fetch(`${stack.simulator.graphBaseUrl}${path}`, {
        ...init,
        headers: { Authorization: 'Bearer tests', 'Content-Type': 'application/json' },
      });
    const created = (await (
      await graph('/groups', { method: 'POST', body: JSON.stringify(body!.ok && body!.value) })
    ).json()) as { id: string; membershipRule: string };
    expect(created.membershipRule).toBe(data.rule);
    await fetch(`${stack.simulator.url}/_simulator/settle`, { method: 'POST' });
    const listed = (await (
      await graph(`/groups/${created.id}/members?$select=id&$top=999`)
    ).json()) as {
      value: { id: string }[];
    };
    expect(listed.value.map((member) => member.id).sort()).toEqual(
      members.map((user) => user.id).sort(),
    );
  });

  it('with a license every member holds, says nobody would get it and it costs nothing more', async () => {
    const turn = await stack.personalMessage(`preview rule ${RULE} with SPE_E3`, MEGAN);
    const text = shown(cardOf(turn));
    expect(members.every((user) => holds(user, SKUS.SPE_E3))).toBe(true);
    expect(text).toContain('nobody: every member holds it already');
    expect(text).toContain(`${members.length} members (no seat, nothing changes for them)`);
    expect(text).toMatch(/Microsoft 365 E3 seats\n0 needed, \d+ free\n/);
    expect(text).toContain('nothing more');
  });

  it('with a template, counts each of its products', async () => {
    const turn = await stack.personalMessage(`preview rule ${RULE} with Standard Employee`, MEGAN);
    const text = shown(cardOf(turn));
    expect(text).toContain(
      'A group with this rule giving Microsoft 365 E3 and Power BI Pro would need',
    );
    const needPowerBi = members.filter((user) => !holds(user, SKUS.POWER_BI_PRO)).length;
    expect(text).toContain('Power BI Pro seats');
    expect(text).toContain(`${needPowerBi} needed`);
  });

  it('points at where a rule cannot be read and says what was expected', async () => {
    const turn = await stack.personalMessage(
      'preview rule (user.extensionAttribute10 -eq E3) -and (user.department -ne "Sales")',
      ALEX_WILBER,
    );
    const card = cardOf(turn);
    const marked = (
      card.body as { type: string; inlines?: { text: string; color?: string }[] }[]
    ).find((element) => element.type === 'RichTextBlock')!.inlines!;
    expect(marked.map((run) => run.text)).toEqual([
      '(user.extensionAttribute10 -eq ',
      'E3',
      ') -and (user.department -ne "Sales")',
    ]);
    expect(marked[1]!.color).toBe('Attention');
    expect(shown(card)).toContain(
      'At character 32 ("E3"): expected a value in quotes after -eq, like user.extensionAttribute10 -eq "E3".',
    );
    expect(shown(card)).toContain('Expected here: a value in quotes');
  });

  it('suggests the closest property and names a license it cannot find', async () => {
    const typo = await stack.personalMessage(
      'preview rule user.departmnt -eq "Sales"',
      ALEX_WILBER,
    );
    expect(shown(cardOf(typo))).toContain('did you mean user.department?');
    const unknown = await stack.personalMessage(
      'preview rule user.department -eq "Sales" with Microsoft 365 E9',
      ALEX_WILBER,
    );
    expect(textOf(unknown)).toContain('I can\'t find the license "Microsoft 365 E9"');
  });
});
