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
} as const;

/** A validation error naming the offending argument or input field in `extensions.field`. */
export function badUserInput(field: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, field } });
}

/** Escapes `%`, `_` and `\` so user text matches literally inside a LIKE pattern. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
