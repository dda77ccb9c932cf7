import { GraphQLError } from 'graphql';
import { AccessCode } from './access';

/**
 * Stable codes for errors any service may raise; clients switch on `extensions.code`. A service's
 * own codes are its own (socialcare's in subgraphs/socialcare/errors.ts); the gateway shows a
 * subgraph's coded errors as they are and masks only its unexpected ones (gateway/gateway.ts).
 */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  /** An agency's subgraph did not answer in time; the rest of the answer still arrives. */
  AGENCY_UNAVAILABLE: 'AGENCY_UNAVAILABLE',
  /** The audit row could not be written, so nothing was disclosed (shared/subgraph.ts). */
  AUDIT_UNAVAILABLE: 'AUDIT_UNAVAILABLE',
} as const;

/** Apollo Server's own refusals of a request, which say nothing of the server's insides. */
const REQUEST_CODES = [
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
  'INPUT_TOO_LONG',
];

/** The codes an unexpected failure carries: never shown to a user in production. */
export const UNEXPECTED_CODES: ReadonlySet<string> = new Set([
  'INTERNAL_SERVER_ERROR',
  'DOWNSTREAM_SERVICE_ERROR',
  '',
]);

/**
 * Every code whose message is safe to show a user in production: every service's (`ErrorCode`,
 * `AccessCode`, Apollo's request refusals) and the service's own `codes`. Anything else is an
 * unexpected failure whose message may hold internals (SQL, file paths): masked, and logged.
 */
export function userFacingCodes(codes: Iterable<string> = []): ReadonlySet<string> {
  return new Set([
    ...Object.values(ErrorCode),
    ...Object.values(AccessCode),
    ...REQUEST_CODES,
    ...codes,
  ]);
}

/** What a user sees in production in place of an unexpected failure. */
export const MASKED_ERROR = {
  message: 'Internal server error',
  extensions: { code: 'INTERNAL_SERVER_ERROR' },
} as const;

/** A refusal with a stable code and, optionally, the field it is about and other facts. */
export function codedError(
  code: string,
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
