/**
 * Failures of licensing work, with stable codes and messages in an admin's words. A business
 * failure (no seats, usage location missing) is an expected outcome and travels as a value; a
 * `LicensingError` carries the same value when it has to cross a promise rejection.
 */

export const licensingFailureCodes = [
  'NO_SEATS',
  'USAGE_LOCATION_MISSING',
  'USAGE_LOCATION_INVALID',
  'MUTUALLY_EXCLUSIVE_PLANS',
  'MISSING_DEPENDENCY',
  'ASSIGNED_BY_GROUP',
  'PLAN_NOT_IN_SKU',
  'USER_NOT_FOUND',
  'GROUP_NOT_FOUND',
  'SKU_NOT_FOUND',
  'INVALID_REQUEST',
  'PERMISSION_DENIED',
  'THROTTLED',
  'UNAVAILABLE',
  'UNKNOWN',
] as const;

export type LicensingFailureCode = (typeof licensingFailureCodes)[number];

export interface LicensingFailure {
  code: LicensingFailureCode;
  /** What happened and what to do, for the admin reading a card. */
  message: string;
  /** Whether sending the same request again later may succeed (throttling, outages). */
  retryable: boolean;
  /** Graph's own error code and message, for logs and history, never shown raw to users. */
  graphCode?: string;
  graphMessage?: string;
  httpStatus?: number;
  /** Graph's `request-id`, recorded in history so Microsoft support can trace a call. */
  requestId?: string;
  retryAfterSeconds?: number;
  /** Ids the failure names: the SKU without seats, the plans in conflict, the assigning group. */
  skuId?: string;
  planIds?: string[];
  groupId?: string;
}

export class LicensingError extends Error {
  override readonly name = 'LicensingError';
  readonly code: LicensingFailureCode;
  readonly failure: LicensingFailure;

  constructor(failure: LicensingFailure, options?: { cause?: unknown }) {
    super(failure.message, options);
    this.code = failure.code;
    this.failure = failure;
  }
}

/** Expected outcomes are values: either the value or a failure with a stable code. */
export type Result<T, F = LicensingFailure> = { ok: true; value: T } | { ok: false; failure: F };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const fail = <F>(failure: F): Result<never, F> => ({ ok: false, failure });
