import { SignJWT, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import type { RelationshipBasis } from './access';
import { LEAD_AGENCY } from './agencies';
import type { Principal, SigningKey } from './auth';

/**
 * Relationship grants: the local authority's signed statement, for one request, of whether a user
 * has a legitimate relationship with one child (or with an adult, through the household's
 * children) and on what basis. The lead subgraph issues one as a field the partners `@requires`
 * (`relationshipGrant`), signed with its own key, not the gateway's; each partner verifies it
 * against the lead's public keys before it discloses anything. A partner never takes access facts
 * from an entity representation, which anyone holding an internal token could write.
 */

/** Who issues grants: the lead agency's subgraph. */
export const GRANT_ISSUER = `mash-${LEAD_AGENCY.name}`;
/** Who grants are for: any partner of the federation. */
export const GRANT_AUDIENCE = 'mash-partners';
/** A grant lives as long as an internal token: one query plan. */
export const GRANT_TTL_SECONDS = 60;
const GRANT_TYPE = 'relationship-grant+jwt';
const CLOCK_TOLERANCE_SECONDS = 5;

/** What a grant is about: a child, or an adult of a child's household. */
export interface GrantSubject {
  type: 'Child' | 'Adult';
  id: string;
}

/** Signs a grant for the request's user about one subject; `basis` null means no relationship. */
export type GrantSigner = (
  principal: Principal,
  subject: GrantSubject,
  basis: RelationshipBasis | null,
) => Promise<string>;

/** The outcome of checking a grant: the basis it grants (null: none), or why it is not trusted. */
export type GrantCheck =
  { trusted: true; basis: RelationshipBasis | null } | { trusted: false; problem: string };

/** What a verified grant says. */
export interface GrantClaims {
  sub: string;
  uid: string;
  rid: string;
  basis: RelationshipBasis | null;
}

/**
 * Verifies a grant's signature, issuer, audience, type and expiry; resolves to its claims, or to
 * why it cannot be trusted (a string).
 */
export type GrantVerifier = (grant: string) => Promise<GrantClaims | string>;

const subjectClaim = (s: GrantSubject) => `${s.type}:${s.id}`;

/** The lead subgraph's grant signer over its own key. */
export function createGrantSigner(
  signing: SigningKey,
  now: () => Date = () => new Date(),
): GrantSigner {
  return (principal, subject, basis) => {
    const issuedAt = Math.floor(now().getTime() / 1000);
    return new SignJWT({ uid: principal.user.id, rid: principal.requestId, basis })
      .setProtectedHeader({ alg: signing.alg, kid: signing.kid, typ: GRANT_TYPE })
      .setIssuer(GRANT_ISSUER)
      .setAudience(GRANT_AUDIENCE)
      .setSubject(subjectClaim(subject))
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + GRANT_TTL_SECONDS)
      .sign(signing.key);
  };
}

const grantClaims = z.object({
  sub: z.string(),
  uid: z.string(),
  rid: z.string(),
  basis: z.enum(['OPEN_CONTACT', 'CASE_TEAM', 'BREAK_GLASS']).nullable(),
});

/**
 * A partner's grant verifier over the lead's public keys (a JWKS): signed by the lead, for the
 * partners, of the grant type, unexpired. Verified grants are remembered for their life.
 */
export function createGrantVerifier(keys: JWTVerifyGetKey): GrantVerifier {
  const verified = new Map<string, Promise<GrantClaims | string>>();
  const check = async (grant: string): Promise<GrantClaims | string> => {
    try {
      const { payload } = await jwtVerify(grant, keys, {
        issuer: GRANT_ISSUER,
        audience: GRANT_AUDIENCE,
        typ: GRANT_TYPE,
        algorithms: ['ES256', 'EdDSA', 'RS256'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp', 'iat', 'sub'],
        maxTokenAge: `${GRANT_TTL_SECONDS + CLOCK_TOLERANCE_SECONDS}s`,
      });
      const claims = grantClaims.safeParse(payload);
      return claims.success ? claims.data : 'it lacks valid claims';
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) return 'it has expired';
      if (error instanceof joseErrors.JOSEError) return 'it is not signed by the local authority';
      throw error;
    }
  };
  return (grant) => {
    let result = verified.get(grant);
    if (!result) {
      if (verified.size >= 10_000) verified.clear();
      result = check(grant);
      verified.set(grant, result);
      setTimeout(() => verified.delete(grant), GRANT_TTL_SECONDS * 1000).unref();
    }
    return result;
  };
}

/** The longest a grant can be; anything longer is not one. */
const MAX_GRANT_LENGTH = 2048;

/**
 * One request's grants: every `relationshipGrant` in the request's variables (the gateway sends
 * entity representations as variables) is verified up front, side by side, before any resolver
 * runs (`prepare`, from the subgraph server's plugin), so each resolver's `check` is a lookup and
 * a page of children still loads its records in one batch. A grant that only appears inline in
 * the query text is never trusted.
 */
export class RequestGrants {
  private readonly claims = new Map<string, GrantClaims | string>();

  constructor(
    private readonly verify: GrantVerifier,
    private readonly principal: Principal,
  ) {}

  /** Verifies every grant found in `values` (a request's variables). */
  async prepare(values: unknown): Promise<void> {
    const found = new Set<string>();
    const walk = (value: unknown, depth: number): void => {
      if (depth > 8 || value === null || typeof value !== 'object') return;
      if (Array.isArray(value)) {
        for (const item of value) walk(item, depth + 1);
        return;
      }
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        if (key === 'relationshipGrant' && typeof item === 'string') {
          if (item.length <= MAX_GRANT_LENGTH) found.add(item);
        } else walk(item, depth + 1);
      }
    };
    walk(values, 0);
    await Promise.all(
      [...found].map(async (grant) => this.claims.set(grant, await this.verify(grant))),
    );
  }

  /** Whether the grant sent with `subject` is trusted for this request, and what it grants. */
  check(grant: string | null | undefined, subject: GrantSubject): GrantCheck {
    if (!grant) return { trusted: false, problem: 'none was sent' };
    const claims = this.claims.get(grant);
    if (claims === undefined) return { trusted: false, problem: 'it was not sent as a variable' };
    if (typeof claims === 'string') return { trusted: false, problem: claims };
    if (claims.sub !== subjectClaim(subject)) {
      return { trusted: false, problem: `it was issued for another ${subject.type.toLowerCase()}` };
    }
    if (claims.uid !== this.principal.user.id) {
      return { trusted: false, problem: 'it was issued to another user' };
    }
    if (claims.rid !== this.principal.requestId) {
      return { trusted: false, problem: 'it was issued for another request' };
    }
    return { trusted: true, basis: claims.basis };
  }
}

/** The verifier of a process that serves no partner's records (a report, a benchmark): trusts none. */
export const trustNoGrant: GrantVerifier = () =>
  Promise.resolve('this process checks no relationship grants');
