import { describe, expect, it } from 'vitest';
import {
  keepFirstByName,
  type SampleMember,
} from '../../../src/domain/dynamic-rules/member-sample.ts';

const member = (displayName: string, upn = `${displayName.toLowerCase()}@contoso.com`) => ({
  displayName,
  userPrincipalName: upn,
});

describe('keepFirstByName', () => {
  it('keeps the first members by name, in order, whatever order they come in', () => {
    const sample: SampleMember[] = [];
    for (const name of [
      'Zoe',
      'adele',
      'Megan',
      'Ádám',
      'Bob',
      'Alex',
      'Yan',
      'user 10',
      'user 9',
    ]) {
      keepFirstByName(sample, member(name), 5);
    }
    expect(sample.map((m) => m.displayName)).toEqual(['Ádám', 'adele', 'Alex', 'Bob', 'Megan']);
    const users: SampleMember[] = [];
    ['user 10', 'user 9'].forEach((name) => keepFirstByName(users, member(name), 5));
    expect(users.map((m) => m.displayName)).toEqual(['user 9', 'user 10']);
  });

  it('orders two people of the same name by their sign-in name', () => {
    const sample: SampleMember[] = [];
    keepFirstByName(sample, member('Sam Lee', 'sam.lee2@contoso.com'), 2);
    keepFirstByName(sample, member('Sam Lee', 'sam.lee1@contoso.com'), 2);
    keepFirstByName(sample, member('Sam Lee', 'sam.lee3@contoso.com'), 2);
    expect(sample.map((m) => m.userPrincipalName)).toEqual([
      'sam.lee1@contoso.com',
      'sam.lee2@contoso.com',
    ]);
  });
});
