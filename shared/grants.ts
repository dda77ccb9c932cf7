import type { JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import type { RelationshipBasis } from './access';
import { LEAD_AGENCY } from './agencies';
import type { Principal } from './auth';
import { createJwtSigner, createJwtVerifier, JwtRefused, type SigningKey } from './jwt';
import { TurnBatcher } from './loaders';

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

/** One subject of a grant and the basis it grants on it (null: none). */
export interface GrantEntry {
  subject: GrantSubject;
  basis: RelationshipBasis | null;
}

/**
 * Signs one grant for the request's user about several subjects (`subjects`: each subject's basis);
 * at most `GRANT_MAX_SUBJECTS` of them.
 */
export type GrantListSigner = (
  principal: Principal,
  entries: readonly GrantEntry[],
) => Promise<string>;

/**
 * The most subjects one grant names. A grant goes with every representation of its subjects, so
 * a page of 200 children sends each partner 200 copies: ten subjects keep a grant under 1 KB and
 * a page's variables well inside a subgraph's body limit, while a child view (a child and its
 * household's adults) needs one grant and a page of 50 five, not 50.
 */
export const GRANT_MAX_SUBJECTS = 10;

/** The outcome of checking a grant: the basis it grants (null: none), or why it is not trusted. */
export type GrantCheck =
  { trusted: true; basis: RelationshipBasis | null } | { trusted: false; problem: string };

/**
 * What a verified grant says: the basis for each subject it names (keyed `Child:<id>` or
 * `Adult:<id>`), to which user, for which request.
 */
export interface GrantClaims {
  bases: ReadonlyMap<string, RelationshipBasis | null>;
  uid: string;
  rid: string;
}

/**
 * Verifies a grant's signature, issuer, audience, type and expiry; resolves to its claims, or to
 * why it cannot be trusted (a string).
 */
export type GrantVerifier = (grant: string) => Promise<GrantClaims | string>;

const subjectClaim = (s: GrantSubject) => `${s.type}:${s.id}`;

/** The claims of every grant: issuer, audience, life, and the user and request it is for. */
function grantEnvelope(principal: Principal, now: () => Date) {
  const issuedAt = Math.floor(now().getTime() / 1000);
  return {
    iss: GRANT_ISSUER,
    aud: GRANT_AUDIENCE,
    iat: issuedAt,
    exp: issuedAt + GRANT_TTL_SECONDS,
    uid: principal.user.id,
    rid: principal.requestId,
  };
}

/** The lead subgraph's grant signer over its own key. */
export function createGrantSigner(
  signing: SigningKey,
  now: () => Date = () => new Date(),
): GrantSigner {
  const sign = createJwtSigner(signing, { typ: GRANT_TYPE });
  return async (principal, subject, basis) =>
    sign({ ...grantEnvelope(principal, now), sub: subjectClaim(subject), basis });
}

/**
 * The lead subgraph's signer of grants naming several subjects: the claim `subjects` maps each
 * (`Child:<id>`, `Adult:<id>`) to its basis, in place of `sub` and `basis`.
 */
export function createGrantListSigner(
  signing: SigningKey,
  now: () => Date = () => new Date(),
): GrantListSigner {
  const sign = createJwtSigner(signing, { typ: GRANT_TYPE });
  return (principal, entries) => {
    if (entries.length === 0 || entries.length > GRANT_MAX_SUBJECTS) {
      throw new RangeError(`A grant names 1 to ${GRANT_MAX_SUBJECTS} subjects`);
    }
    const subjects = Object.fromEntries(entries.map((e) => [subjectClaim(e.subject), e.basis]));
    return Promise.resolve(sign({ ...grantEnvelope(principal, now), subjects }));
  };
}

/**
 * One request's grants as socialcare issues them: the subjects asked for in one turn of the event
 * loop (a page's children and adults, whose bases are decided in one batch) share a grant of up
 * to `GRANT_MAX_SUBJECTS`, so a page of 50 signs five grants and each partner verifies five.
 */
export class GrantBatch {
  /** This request's turns, batched as the project batches any turn's work (shared/loaders.ts). */
  private readonly turns = new TurnBatcher<object, GrantEntry, string>((entries) =>
    this.signAll(entries),
  );
  private readonly request = {};

  constructor(
    private readonly sign: GrantListSigner,
    private readonly principal: Principal,
  ) {}

  /** The grant that states `basis` for `subject`, signed with the others of this turn. */
  issue(subject: GrantSubject, basis: RelationshipBasis | null): Promise<string> {
    return this.turns.add(this.request, { subject, basis });
  }

  /**
   * One turn's grants, answer by answer: each subject once, in grants of up to
   * `GRANT_MAX_SUBJECTS`; a subject decided twice in the turn, differently, gets a grant of its
   * own for the second decision.
   */
  private async signAll(entries: GrantEntry[]): Promise<string[]> {
    const first = new Map<string, GrantEntry>();
    const apart: GrantEntry[] = [];
    for (const entry of entries) {
      const key = subjectClaim(entry.subject);
      const known = first.get(key);
      if (!known) first.set(key, entry);
      else if (known.basis !== entry.basis) apart.push(entry);
    }
    const together = [...first.values()];
    const chunks: GrantEntry[][] = [];
    for (let at = 0; at < together.length; at += GRANT_MAX_SUBJECTS) {
      chunks.push(together.slice(at, at + GRANT_MAX_SUBJECTS));
    }
    const signed = await Promise.all(
      [...chunks, ...apart.map((entry) => [entry])].map((chunk) =>
        this.sign(this.principal, chunk),
      ),
    );
    const grantOf = new Map<GrantEntry, string>();
    chunks.forEach((chunk, i) => chunk.forEach((entry) => grantOf.set(entry, signed[i])));
    apart.forEach((entry, i) => grantOf.set(entry, signed[chunks.length + i]));
    // An entry repeating a subject's decision gets the grant of that subject's first entry.
    return entries.map(
      (entry) => grantOf.get(entry) ?? grantOf.get(first.get(subjectClaim(entry.subject))!)!,
    );
  }
}

const basisClaim = z.enum(['OPEN_CONTACT', 'CASE_TEAM', 'BREAK_GLASS']).nullable();
/** A grant names one subject (`sub` and `basis`) or several (`subjects`), never both. */
const grantClaims = z.union([
  z.object({
    sub: z.string(),
    uid: z.string(),
    rid: z.string(),
    basis: basisClaim,
    subjects: z.never().optional(),
  }),
  z.object({
    sub: z.never().optional(),
    uid: z.string(),
    rid: z.string(),
    subjects: z.record(z.string(), basisClaim).refine((s) => {
      const n = Object.keys(s).length;
      return n >= 1 && n <= GRANT_MAX_SUBJECTS;
    }),
  }),
]);

/**
 * A partner's grant verifier over the lead's public keys (a JWKS): signed by the lead, for the
 * partners, of the grant type, unexpired. Verified grants are remembered for their life.
 */
export function createGrantVerifier(keys: JWTVerifyGetKey): GrantVerifier {
  const verified = new Map<string, Promise<GrantClaims | string>>();
  const verify = createJwtVerifier(keys, {
    issuer: GRANT_ISSUER,
    audience: GRANT_AUDIENCE,
    typ: GRANT_TYPE,
    algorithms: ['ES256', 'EdDSA', 'RS256'],
    clockToleranceSeconds: CLOCK_TOLERANCE_SECONDS,
    requiredClaims: ['exp', 'iat'],
    maxAgeSeconds: GRANT_TTL_SECONDS + CLOCK_TOLERANCE_SECONDS,
  });
  const check = async (grant: string): Promise<GrantClaims | string> => {
    try {
      const payload = await verify(grant);
      const claims = grantClaims.safeParse(payload);
      if (!claims.success) return 'it lacks valid claims';
      const c = claims.data;
      const bases = new Map(c.subjects ? Object.entries(c.subjects) : [[c.sub, c.basis]]);
      return { bases, uid: c.uid, rid: c.rid };
    } catch (error) {
      if (!(error instanceof JwtRefused)) throw error;
      return error.problem === 'expired'
        ? 'it has expired'
        : 'it is not signed by the local authority';
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
    const basis = claims.bases.get(subjectClaim(subject));
    if (basis === undefined) {
      return { trusted: false, problem: `it was issued for another ${subject.type.toLowerCase()}` };
    }
    if (claims.uid !== this.principal.user.id) {
      return { trusted: false, problem: 'it was issued to another user' };
    }
    if (claims.rid !== this.principal.requestId) {
      return { trusted: false, problem: 'it was issued for another request' };
    }
    return { trusted: true, basis };
  }
}

/** The verifier of a process that serves no partner's records (a report, a benchmark): trusts none. */
export const trustNoGrant: GrantVerifier = () =>
  Promise.resolve('this process checks no relationship grants');
