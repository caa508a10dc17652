import type { LicensingFailure, LicensingFailureCode } from '../domain/errors.ts';
import type { GraphErrorDetails } from './graph-error-body.ts';

/** What the failed request was about, so a 404 can say "user" or "group" and name it. */
export interface FailureSubject {
  kind: 'user' | 'group' | 'tenant';
  id?: string;
}

const guidPattern = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * Graph's 400 messages for license writes, matched loosely: Microsoft rewords them now and then,
 * and the same failure is quoted with several phrasings. Order matters: the seat message also
 * names a subscription, which the SKU-not-found pattern would otherwise claim.
 */
const badRequestRules: { code: LicensingFailureCode; pattern: RegExp }[] = [
  {
    code: 'NO_SEATS',
    pattern:
      /(does not|doesn't) have (any )?(available|enough|free) licen[cs]es|no (available|free) licen[cs]es|not enough licen[cs]es|insufficient licen[cs]es|CountViolation/i,
  },
  {
    code: 'USAGE_LOCATION_INVALID',
    pattern:
      /invalid value specified for property 'usageLocation'|usageLocation.*(is )?(not )?(valid|invalid)|(not a valid|unsupported) (country|usage location)/i,
  },
  { code: 'USAGE_LOCATION_MISSING', pattern: /usage ?location/i },
  { code: 'MUTUALLY_EXCLUSIVE_PLANS', pattern: /mutually exclusive|MutuallyExclusiveViolation/i },
  {
    code: 'MISSING_DEPENDENCY',
    pattern: /depends? on (the )?service plan|dependenc(y|ies)|DependencyViolation/i,
  },
  {
    code: 'ASSIGNED_BY_GROUP',
    pattern:
      /inherited from a group|assigned (by|through|via|from) (a )?group|group[- ]based licens/i,
  },
  {
    code: 'PLAN_NOT_IN_SKU',
    pattern:
      /(service ?plan|disabledPlans?).*(not (a )?(part|valid|included|found|present)|does not belong|isn't part|invalid)/i,
  },
  {
    code: 'SKU_NOT_FOUND',
    pattern:
      /valid company licen[cs]e|(licen[cs]e|sku|subscription|skuId).*(not found|does not exist|is invalid|invalid value|unknown)|unknown (sku|licen[cs]e)/i,
  },
];

function badRequestCode(message: string): LicensingFailureCode {
  return badRequestRules.find((rule) => rule.pattern.test(message))?.code ?? 'INVALID_REQUEST';
}

/** The code a Graph answer means for licensing work. */
export function failureCodeFor(
  details: GraphErrorDetails,
  subject: FailureSubject,
): LicensingFailureCode {
  const { status } = details;
  if (status === 429) {
    return 'THROTTLED';
  }
  if (status >= 500) {
    return 'UNAVAILABLE';
  }
  if (status === 401 || status === 403) {
    return 'PERMISSION_DENIED';
  }
  if (status === 404) {
    return subject.kind === 'group' ? 'GROUP_NOT_FOUND' : 'USER_NOT_FOUND';
  }
  if (status === 400 || status === 422) {
    return badRequestCode(`${details.code ?? ''} ${details.message ?? ''}`);
  }
  return 'UNKNOWN';
}

function adminMessage(
  code: LicensingFailureCode,
  subject: FailureSubject,
  ids: string[],
  retryAfter: number | undefined,
): string {
  const who = subject.id === undefined ? `this ${subject.kind}` : `${subject.kind} ${subject.id}`;
  switch (code) {
    case 'NO_SEATS':
      return `There are no free seats left${ids[0] === undefined ? '' : ` in subscription ${ids[0]}`}. Free some seats or buy more, then try again.`;
    case 'USAGE_LOCATION_MISSING':
      return `The license cannot be assigned because ${who} has no usage location (or an invalid one). Set the usage location, then try again.`;
    case 'USAGE_LOCATION_INVALID':
      return 'That usage location is not accepted: use a two-letter ISO country code such as US, GB or FR.';
    case 'MUTUALLY_EXCLUSIVE_PLANS':
      return `These service plans cannot be on together${ids.length > 0 ? ` (${ids.join(', ')})` : ''}: turn one of them off and try again.`;
    case 'MISSING_DEPENDENCY':
      return `A service plan needs another plan that would be off${ids.length > 0 ? ` (${ids.join(', ')})` : ''}: turn the required plan on, or the dependent plan off.`;
    case 'ASSIGNED_BY_GROUP':
      return `This license comes to ${who} from a group, so it cannot be removed directly: remove them from the group or change the group's licenses.`;
    case 'PLAN_NOT_IN_SKU':
      return 'A service plan in the request is not part of that license: pick plans from the license itself.';
    case 'USER_NOT_FOUND':
      return `${subject.id === undefined ? 'The user' : `User ${subject.id}`} was not found in the directory: they may have been deleted or renamed.`;
    case 'GROUP_NOT_FOUND':
      return `${subject.id === undefined ? 'The group' : `Group ${subject.id}`} was not found in the directory: it may have been deleted.`;
    case 'SKU_NOT_FOUND':
      return 'That license is not one your organization subscribes to (it may have expired or been removed).';
    case 'PERMISSION_DENIED':
      return 'License Desk is not allowed to do this in Microsoft Graph: an administrator must grant it LicenseAssignment.ReadWrite.All (and User.ReadWrite.All for usage location and reprocessing).';
    case 'THROTTLED':
      return `Microsoft Graph is limiting how fast changes can be made in your tenant${retryAfter === undefined ? '' : `; it asked to wait ${retryAfter} seconds`}. License Desk will try again.`;
    case 'UNAVAILABLE':
      return 'Microsoft Graph did not answer properly (an outage or a timeout). Trying again later should work.';
    case 'INVALID_REQUEST':
      return 'Microsoft Graph refused the change as invalid. The details are in the log under the request id.';
    case 'UNKNOWN':
      return 'Microsoft Graph refused the change for a reason License Desk does not recognise. The details are in the log under the request id.';
  }
}

/**
 * Turns a Graph error answer into a licensing failure: a stable code, a message in the admin's
 * words (never Graph's raw text), whether retrying may help, and Graph's details kept for logs.
 */
export function mapGraphError(
  details: GraphErrorDetails,
  subject: FailureSubject,
): LicensingFailure {
  const code = failureCodeFor(details, subject);
  const ids = [...(details.message ?? '').matchAll(guidPattern)].map((match) => match[0]);
  const failure: LicensingFailure = {
    code,
    message: adminMessage(code, subject, ids, details.retryAfterSeconds),
    retryable: code === 'THROTTLED' || code === 'UNAVAILABLE',
    httpStatus: details.status,
  };
  if (details.code !== undefined) {
    failure.graphCode = details.code;
  }
  if (details.message !== undefined) {
    failure.graphMessage = details.message;
  }
  if (details.requestId !== undefined) {
    failure.requestId = details.requestId;
  }
  if (details.retryAfterSeconds !== undefined) {
    failure.retryAfterSeconds = details.retryAfterSeconds;
  }
  if (code === 'NO_SEATS' && ids[0] !== undefined) {
    failure.skuId = ids[0];
  }
  if ((code === 'MUTUALLY_EXCLUSIVE_PLANS' || code === 'MISSING_DEPENDENCY') && ids.length > 0) {
    failure.planIds = ids;
  }
  if (subject.kind === 'group' && subject.id !== undefined) {
    failure.groupId = subject.id;
  }
  return failure;
}

/** A request that got no answer: a dropped connection or a timeout. Always worth retrying. */
export function mapNoResponse(timedOut: boolean): LicensingFailure {
  return {
    code: 'UNAVAILABLE',
    message: timedOut
      ? 'Microsoft Graph took too long to answer. Trying again later should work.'
      : 'The connection to Microsoft Graph was lost before it answered. Trying again later should work.',
    retryable: true,
  };
}
