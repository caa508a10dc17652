/** The base of every problem type's URI: `${PROBLEM_TYPE_BASE}<code in kebab case>`. */
export const PROBLEM_TYPE_BASE = 'https://license-desk.dev/problems/';

/** A field a body, a query or a path named wrongly, and why. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** An RFC 9457 problem details document, with License Desk's stable `code`. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance: string;
  /** A body's fields that failed validation. */
  errors?: FieldProblem[];
  /** What the caller may do instead (an ambiguous SKU's choices). */
  choices?: string[];
  /** A CSV body's first wrong rows. */
  rows?: RowProblem[];
}

/** A wrong row of a CSV body: its line in the file, what is wrong and how to put it right. */
export interface RowProblem {
  line: number;
  reason: string;
  message: string;
  fix: string;
}

/** What a problem carries besides its words. */
export interface ProblemExtra {
  errors?: FieldProblem[];
  choices?: string[];
  rows?: RowProblem[];
  headers?: Record<string, string>;
}

/** What a route answers with when it cannot do what was asked: becomes problem details. */
export class ApiProblem extends Error {
  override readonly name = 'ApiProblem';

  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly extra: ProblemExtra;

  constructor(
    status: number,
    code: string,
    title: string,
    detail: string,
    extra: ProblemExtra = {},
  ) {
    super(detail);
    this.status = status;
    this.code = code;
    this.title = title;
    this.extra = extra;
  }
}

const kebab = (code: string): string => code.toLowerCase().replaceAll('_', '-');

/**
 * The one place an error becomes what an API caller sees: an `ApiProblem` as it says, anything
 * else a 500 with no detail of its own (the log has it, under `instance`).
 */
export function toProblem(error: unknown, instance: string): ProblemDetails {
  if (error instanceof ApiProblem) {
    return {
      type: `${PROBLEM_TYPE_BASE}${kebab(error.code)}`,
      title: error.title,
      status: error.status,
      detail: error.message,
      code: error.code,
      instance,
      ...(error.extra.errors ? { errors: error.extra.errors } : {}),
      ...(error.extra.choices ? { choices: error.extra.choices } : {}),
      ...(error.extra.rows ? { rows: error.extra.rows } : {}),
    };
  }
  return {
    type: `${PROBLEM_TYPE_BASE}internal-error`,
    title: 'Internal error',
    status: 500,
    detail:
      'License Desk could not answer this request. Try again; if it keeps failing, quote the instance to an admin.',
    code: 'INTERNAL_ERROR',
    instance,
  };
}

/** The headers an error asks for (`Retry-After`, `WWW-Authenticate`). */
export function problemHeaders(error: unknown): Record<string, string> {
  return error instanceof ApiProblem ? (error.extra.headers ?? {}) : {};
}
