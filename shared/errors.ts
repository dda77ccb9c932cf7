import { GraphQLError } from 'graphql';

/** Stable codes for errors a user can cause; clients switch on `extensions.code`. */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  AGENCY_UNAVAILABLE: 'AGENCY_UNAVAILABLE',
  /** Another of the agency's records is already confirmed as this child: reject it first. */
  MATCH_ALREADY_CONFIRMED: 'MATCH_ALREADY_CONFIRMED',
  /** The partner record is already confirmed as another child: one record is one person. */
  MATCH_RECORD_CONFIRMED_ELSEWHERE: 'MATCH_RECORD_CONFIRMED_ELSEWHERE',
  /** A different submission under an idempotency key the user already used. */
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  /** Someone changed the record since the version the user saw; reload and try again. */
  VERSION_CONFLICT: 'VERSION_CONFLICT',
  /** A step out of order, e.g. a decision before screening, or a check never requested. */
  INVALID_TRANSITION: 'INVALID_TRANSITION',
  /** The contact is closed (every child decided): nothing more is decided on it. */
  CONTACT_CLOSED: 'CONTACT_CLOSED',
  /** This child already has its threshold decision on this contact. */
  ALREADY_DECIDED: 'ALREADY_DECIDED',
  /** A new child who looks like one the local authority already knows; use that child's id. */
  CHILD_ALREADY_KNOWN: 'CHILD_ALREADY_KNOWN',
  /** A date past the bank-holiday data (shared/bank-holidays.json): an administrator adds the year. */
  CALENDAR_NOT_COVERED: 'CALENDAR_NOT_COVERED',
} as const;

/** A refusal with a stable code and, optionally, the field it is about and other facts. */
export function codedError(
  code: (typeof ErrorCode)[keyof typeof ErrorCode],
  message: string,
  extensions: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

/** A validation error naming the offending argument or input field in `extensions.field`. */
export function badUserInput(field: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, field } });
}

/** Escapes `%`, `_` and `\` so user text matches literally inside a LIKE pattern. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
