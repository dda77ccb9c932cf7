import { randomUUID } from 'node:crypto';
import type { JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import { AGENCY_REGISTRY, teamOf } from './agencies';
import { createJwtSigner, createJwtVerifier, JwtRefused, type SigningKey } from './jwt';

export type { SigningKey } from './jwt';

/**
 * The agencies a user can belong to (the registry's codes); each is also the controller of its own
 * subgraph's data.
 */
export const AGENCIES = AGENCY_REGISTRY.map((a) => a.code) as [string, ...string[]];
/** An agency's code, as the registry gives it (`POLICE`). */
export type Agency = string;

/** What a user does; access rules (shared/access.ts) turn on the role and the agency together. */
export const ROLES = [
  'MASH_PRACTITIONER',
  'MASH_MANAGER',
  'AGENCY_PRACTITIONER',
  'ANALYST',
  'ADMIN',
  /**
   * Works an early help provider's list of families stepped down from the MASH (their team is the
   * provider: shared/agencies.json); sees those episodes and who their children are, nothing more.
   */
  'EARLY_HELP_PRACTITIONER',
] as const;
export type Role = (typeof ROLES)[number];

/** The signed-in user, as the gateway verified them from their token. */
export interface User {
  id: string;
  name: string;
  agency: Agency;
  role: Role;
  /**
   * The name of the user's team, one their agency registered (shared/agencies.json), e.g.
   * "MASH North"; analysts and admins may have none.
   */
  team: string | null;
}

/**
 * Who is asking, and why, for one request: the user, the purpose the client gave (for example
 * `contact:C0001234`), a break-glass reason and the one child it is for when the client gave them,
 * and the request id that ties the gateway's log line to every subgraph's audit rows.
 */
export interface Principal {
  user: User;
  requestId: string;
  purpose: string | null;
  breakGlassReason: string | null;
  /** The child the break-glass reason is for; set exactly when `breakGlassReason` is. */
  breakGlassChildId: string | null;
}

/** Stable codes for authentication failures, sent with HTTP 401. */
export const AuthCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  TOKEN_EXPIRED: 'TOKEN_EXPIRED',
  /** An internal token a subgraph has already seen: each is for one subgraph request. */
  TOKEN_REPLAYED: 'TOKEN_REPLAYED',
} as const;

/** A request that must not run: no token, a bad one, or an expired one. Always HTTP 401. */
export class AuthError extends Error {
  readonly status = 401;
  constructor(
    message: string,
    readonly code: string = AuthCode.UNAUTHENTICATED,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}

/** Issuer of internal tokens; subgraphs accept no other. */
export const INTERNAL_ISSUER = 'mash-gateway';
/** Internal tokens live long enough for one query plan, not long enough to be worth stealing. */
export const INTERNAL_TOKEN_TTL_SECONDS = 60;
/** Allowed clock difference between machines when checking `exp`, `nbf` and `iat`. */
const CLOCK_TOLERANCE_SECONDS = 5;
/** The oldest a token may be, whatever its `exp` says; a token issued in the future is refused. */
export const MAX_TOKEN_AGE_SECONDS = 24 * 60 * 60;
const ALGORITHMS = ['ES256', 'RS256', 'EdDSA'];

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// Claims end up in audit rows hashed by both JavaScript and PostgreSQL: text both read the same
// way (well-formed Unicode, no NUL) is all that is accepted.
const text = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((v) => !LONE_SURROGATE.test(v) && !v.includes('\u0000'), 'must be well-formed text');

const userClaims = z
  .object({
    sub: text(128),
    name: text(200),
    agency: z.enum(AGENCIES),
    role: z.enum(ROLES),
    team: text(100).nullish(),
  })
  .refine((c) => !c.team || teamOf(c.agency, c.team) !== null, {
    message: "must be one of the agency's registered teams",
    path: ['team'],
  });

const internalClaims = z.object({
  user: z.object({
    id: z.string().min(1).max(128),
    name: z.string().min(1).max(200),
    agency: z.enum(AGENCIES),
    role: z.enum(ROLES),
    team: z.string().max(100).nullable(),
  }),
  rid: z.string().min(1).max(64),
  purpose: z.string().max(200).nullable(),
  breakGlass: z.string().max(500).nullable(),
  breakGlassChild: z.string().min(1).max(64).nullable(),
  jti: z.string().min(16).max(64),
});

/** Extracts the token from an `Authorization: Bearer <token>` header; throws AuthError otherwise. */
export function bearerToken(header: string | string[] | undefined): string {
  if (!header || Array.isArray(header)) {
    throw new AuthError('Sign-in required: send Authorization: Bearer <token>');
  }
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) throw new AuthError('The Authorization header must be "Bearer <token>"');
  return match[1];
}

/**
 * A verifier of tokens from `keys`' holder for `audience`: signature, issuer, audience, expiry,
 * age (`iat` present, not ahead of the clock, at most `MAX_TOKEN_AGE_SECONDS` old). Throws
 * AuthError.
 */
function tokenVerifier(
  keys: JWTVerifyGetKey,
  options: { issuer: string; audience: string },
): (token: string) => Promise<Record<string, unknown>> {
  const verify = createJwtVerifier(keys, {
    ...options,
    algorithms: ALGORITHMS,
    clockToleranceSeconds: CLOCK_TOLERANCE_SECONDS,
    requiredClaims: ['exp', 'iat'],
    maxAgeSeconds: MAX_TOKEN_AGE_SECONDS,
  });
  return async (token) => {
    try {
      return await verify(token);
    } catch (error) {
      if (!(error instanceof JwtRefused)) throw error;
      if (error.problem === 'expired') {
        throw new AuthError('The token has expired; sign in again', AuthCode.TOKEN_EXPIRED);
      }
      if (error.problem === 'claims') {
        throw new AuthError(`The token is not valid here: ${error.message}`);
      }
      throw new AuthError('The token could not be verified (bad signature, key or format)');
    }
  };
}

export interface UserTokenVerifierOptions {
  /** The identity provider's public keys (a JWKS from a file or a URL; see shared/keys.ts). */
  keys: JWTVerifyGetKey;
  issuer: string;
  audience: string;
}

/**
 * Verifies a user's token at the gateway: signature against the issuer's JWKS, issuer, audience,
 * expiry, and the claims this system needs (sub, name, agency, role, team). Throws AuthError.
 */
export function createUserTokenVerifier(
  options: UserTokenVerifierOptions,
): (token: string) => Promise<User> {
  const verify = tokenVerifier(options.keys, options);
  return async (token) => {
    const payload = await verify(token);
    const claims = userClaims.safeParse(payload);
    if (!claims.success) {
      const fields = [...new Set(claims.error.issues.map((i) => i.path.join('.')))].join(', ');
      throw new AuthError(`The token lacks valid claims: ${fields}`);
    }
    const c = claims.data;
    // A team named by id or name is held by its registered name.
    const team = c.team ? (teamOf(c.agency, c.team)?.name ?? null) : null;
    return { id: c.sub, name: c.name, agency: c.agency, role: c.role, team };
  };
}

/**
 * Signs the gateway's internal token for one subgraph request: audience = that subgraph, carrying
 * the user's claims, the purpose, any break-glass reason and its child, the request id, and a
 * `jti` of its own (the subgraph accepts it once); valid for `INTERNAL_TOKEN_TTL_SECONDS`.
 */
export function createInternalTokenSigner(
  signing: SigningKey,
  now: () => Date = () => new Date(),
): (principal: Principal, audience: string) => Promise<string> {
  const sign = createJwtSigner(signing, { typ: 'JWT' });
  return async (principal, audience) => {
    const issuedAt = Math.floor(now().getTime() / 1000);
    return sign({
      user: principal.user,
      rid: principal.requestId,
      purpose: principal.purpose,
      breakGlass: principal.breakGlassReason,
      breakGlassChild: principal.breakGlassChildId,
      jti: randomUUID(),
      iss: INTERNAL_ISSUER,
      sub: principal.user.id,
      aud: audience,
      iat: issuedAt,
      exp: issuedAt + INTERNAL_TOKEN_TTL_SECONDS,
    });
  };
}

/**
 * The `jti`s of the internal tokens a subgraph has accepted, each kept until its token expires:
 * a token captured on the way to a subgraph cannot be sent again. Held in the process's memory,
 * which is enough while one process serves a subgraph; replicas behind a balancer would share it
 * (in Redis, say) instead.
 */
class SeenTokens {
  private readonly expiries = new Map<string, number>();
  private nextSweep = 0;

  /** Notes `jti` (valid until `exp`, in seconds); false if it was seen already. */
  firstSight(jti: string, exp: number, nowSeconds: number): boolean {
    if (nowSeconds >= this.nextSweep) {
      for (const [id, until] of this.expiries) {
        if (until + CLOCK_TOLERANCE_SECONDS < nowSeconds) this.expiries.delete(id);
      }
      this.nextSweep = nowSeconds + INTERNAL_TOKEN_TTL_SECONDS;
    }
    if (this.expiries.has(jti)) return false;
    this.expiries.set(jti, exp);
    return true;
  }
}

/**
 * Verifies an internal token at a subgraph: signed by the gateway's key, issued by the gateway,
 * addressed to this subgraph, unexpired, and never seen before by this verifier (its `jti`).
 * Returns the principal it carries. Throws AuthError.
 */
export function createInternalTokenVerifier(options: {
  keys: JWTVerifyGetKey;
  audience: string;
}): (token: string) => Promise<Principal> {
  const seen = new SeenTokens();
  const verify = tokenVerifier(options.keys, {
    issuer: INTERNAL_ISSUER,
    audience: options.audience,
  });
  return async (token) => {
    const payload = await verify(token);
    const claims = internalClaims.safeParse(payload);
    if (!claims.success) throw new AuthError('The internal token lacks valid claims');
    const c = claims.data;
    if (!seen.firstSight(c.jti, payload.exp as number, Math.floor(Date.now() / 1000))) {
      throw new AuthError(
        'The internal token was used already: each is for one subgraph request',
        AuthCode.TOKEN_REPLAYED,
      );
    }
    return {
      user: c.user,
      requestId: c.rid,
      purpose: c.purpose,
      breakGlassReason: c.breakGlass,
      breakGlassChildId: c.breakGlassChild,
    };
  };
}
