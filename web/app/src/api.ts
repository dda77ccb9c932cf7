// The workbench's only way to the data: GraphQL to the gateway (through the workbench's own
// origin, which passes requests on unchanged), as the signed-in user.
import { session } from './session';
import { agencyEntry } from './agencies';

/** One GraphQL error, with what the screens need from its extensions. */
export interface ApiError {
  message: string;
  code: string;
  /** The input field at fault (BAD_USER_INPUT), e.g. `children[0].newChild.dateOfBirth`. */
  field?: string;
  /** The agency that could not answer (AGENCY_UNAVAILABLE). */
  serviceName?: string;
  path?: (string | number)[];
  extensions: Record<string, unknown>;
}

/** An answer: the data (possibly partial) and every error with it. */
export interface ApiResult<T> {
  data: T | null;
  errors: ApiError[];
}

export interface RequestOptions {
  /** Why the user is looking (X-Purpose), e.g. `contact:C0012345`. */
  purpose?: string;
  /** A break-glass reason (X-Break-Glass-Reason): recorded and flagged to the user's manager. */
  breakGlassReason?: string;
  /** The one child the break-glass reason is for (X-Break-Glass-Child). */
  breakGlassChild?: string;
}

/**
 * The field and a plain message for a value GraphQL itself refused before any service saw it, e.g.
 * `Variable "$input" got invalid value null at "input.level"; Expected non-nullable type "Int!"`.
 */
function coercionError(message: string): { field: string; message: string } | null {
  const at = /got invalid value .* at "(?:input\.)?([^"]+)"; (.*)$/s.exec(message);
  if (!at) return null;
  const [, field, why] = at;
  return {
    field,
    message: /non-nullable/.test(why) ? 'This is required.' : 'This value is not valid here.',
  };
}

function toApiError(raw: {
  message?: string;
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}): ApiError {
  const extensions = raw.extensions ?? {};
  const coerced =
    extensions.field === undefined && extensions.code === 'BAD_USER_INPUT'
      ? coercionError(raw.message ?? '')
      : null;
  if (coerced) {
    return {
      message: coerced.message,
      code: 'BAD_USER_INPUT',
      field: coerced.field,
      path: raw.path,
      extensions,
    };
  }
  return {
    message: raw.message ?? 'Something went wrong',
    code: String(extensions.code ?? 'INTERNAL_SERVER_ERROR'),
    field: typeof extensions.field === 'string' ? extensions.field : undefined,
    serviceName: typeof extensions.serviceName === 'string' ? extensions.serviceName : undefined,
    path: raw.path,
    extensions,
  };
}

/**
 * Sends one operation. Never throws for an answer the gateway gave: errors come back with the
 * data. A refused or expired sign-in ends the session (the app shows the sign-in page).
 */
export async function gql<T>(
  query: string,
  variables: Record<string, unknown> = {},
  options: RequestOptions = {},
): Promise<ApiResult<T>> {
  const token = session.current()?.token;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.purpose) headers['x-purpose'] = options.purpose;
  if (options.breakGlassReason) headers['x-break-glass-reason'] = options.breakGlassReason;
  if (options.breakGlassChild) headers['x-break-glass-child'] = options.breakGlassChild;
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    return {
      data: null,
      errors: [
        toApiError({
          message: 'The workbench cannot reach the server. Check your connection and try again.',
          extensions: { code: 'NETWORK_ERROR' },
        }),
      ],
    };
  }
  let body: { data?: T | null; errors?: Parameters<typeof toApiError>[0][] };
  try {
    body = await response.json();
  } catch {
    body = { errors: [{ message: `The server answered ${response.status}` }] };
  }
  const errors = (body.errors ?? []).map(toApiError);
  if (response.status === 401)
    session.end(errors[0]?.code === 'TOKEN_EXPIRED' ? 'expired' : 'refused');
  return { data: body.data ?? null, errors };
}

/** The errors whose path starts with `prefix` (e.g. `['child', 'police']`). */
export function errorsAt(errors: ApiError[], prefix: (string | number)[]): ApiError[] {
  return errors.filter(
    (e) => e.path !== undefined && prefix.every((part, i) => e.path![i] === part),
  );
}

/** A plain sentence for an error code a user may meet. */
export function describeError(error: ApiError): string {
  switch (error.code) {
    case 'AGENCY_UNAVAILABLE':
      return `${agencyName(error.serviceName)} cannot be reached just now, so its part is missing. Try again shortly.`;
    case 'FORBIDDEN_ROLE':
      return 'Your role does not allow this.';
    case 'FORBIDDEN_NO_RELATIONSHIP':
      return 'You have no legitimate relationship with this child (no open MASH contact and no case held by your team).';
    case 'VERSION_CONFLICT':
      return 'Someone else changed this contact while you were working on it. What you typed is kept: check the contact as it is now, then submit again.';
    default:
      return error.message;
  }
}

/** An agency's name as people say it. */
export function agencyName(agency: string | undefined | null): string {
  return agencyEntry(agency)?.label ?? 'An agency';
}
