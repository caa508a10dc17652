import { fail, ok, type Result } from '../errors.ts';
import { describeRule } from './describe-rule.ts';
import type { RuleNode } from './rule-node.ts';

/** The `POST /groups` body of a dynamic security group, as Graph v1.0 takes it. */
export interface DynamicGroupBody {
  displayName: string;
  mailEnabled: false;
  mailNickname: string;
  securityEnabled: true;
  groupTypes: ['DynamicMembership'];
  membershipRule: string;
  membershipRuleProcessingState: 'On';
}

/** Graph's limits: a display name of 256 characters, a mail nickname of 64. */
const MAX_NAME = 256;
const MAX_NICKNAME = 64;
const CONTROL = /\p{Cc}/u;

/**
 * The body that creates a security group whose members are the users the rule matches: the rule
 * as Entra reads it, processing on. The mail nickname Graph requires comes from the name, in the
 * ASCII letters, digits, dots, dashes and underscores Graph allows in it.
 */
export function dynamicGroupBody(name: string, rule: RuleNode): Result<DynamicGroupBody, string> {
  const displayName = name.trim();
  if (displayName === '' || CONTROL.test(displayName)) {
    return fail('Give the group a name on one line, e.g. "E3 All outside Sales".');
  }
  if (displayName.length > MAX_NAME) {
    return fail(
      `A group name has at most ${MAX_NAME} characters; this one has ${displayName.length}.`,
    );
  }
  const nickname = displayName
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/gu, '')
    .slice(0, MAX_NICKNAME);
  return ok({
    displayName,
    mailEnabled: false,
    mailNickname: nickname === '' ? 'dynamicgroup' : nickname,
    securityEnabled: true,
    groupTypes: ['DynamicMembership'],
    membershipRule: describeRule(rule),
    membershipRuleProcessingState: 'On',
  });
}
