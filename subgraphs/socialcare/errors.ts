import { ErrorCode as SharedErrorCode } from '../../shared/errors';

/**
 * Socialcare's stable error codes, beside every service's (shared/errors.ts); clients switch on
 * `extensions.code`, and their messages are shown to users in production too.
 */
export const ErrorCode = {
  ...SharedErrorCode,
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
  /** The early help episode is closed (with a reason and date): nothing more is recorded on it. */
  EPISODE_CLOSED: 'EPISODE_CLOSED',
  /** A date past the bank-holiday data (shared/bank-holidays.json): an administrator adds the year. */
  CALENDAR_NOT_COVERED: 'CALENDAR_NOT_COVERED',
} as const;
