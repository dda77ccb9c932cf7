import { createLocalJWKSet } from 'jose';
import {
  createInternalTokenSigner,
  createInternalTokenVerifier,
  createUserTokenVerifier,
  type Principal,
  type User,
} from '../../shared/auth';
import { DEMO_USERS, signUserToken, type UserTokenOptions } from '../../dev/dev-issuer';
import type { RelationshipBasis } from '../../shared/access';
import {
  createGrantListSigner,
  createGrantSigner,
  createGrantVerifier,
  type GrantListSigner,
  type GrantSigner,
  type GrantSubject,
  type GrantVerifier,
} from '../../shared/grants';
import { generateJwkPair, importSigningKey, type KeyPairFiles } from '../../shared/keys';

/**
 * The keys of one test process: a stand-in identity provider, the gateway's internal pair and
 * socialcare's relationship-grant pair.
 */
export interface TestKeys {
  issuer: KeyPairFiles;
  internal: KeyPairFiles;
  grant: KeyPairFiles;
}

let keys: Promise<TestKeys> | undefined;

/** Generated once per test file; never written to disk. */
export function testKeys(): Promise<TestKeys> {
  keys ??= (async () => ({
    issuer: await generateJwkPair(),
    internal: await generateJwkPair(),
    grant: await generateJwkPair(),
  }))();
  return keys;
}

/** A demo user by handle (dev/dev-issuer.ts), or the user given. */
export function userOf(who: string | User): User {
  if (typeof who !== 'string') return who;
  const user = DEMO_USERS[who];
  if (!user) throw new Error(`no demo user ${who}`);
  return user;
}

/** A user token from the test identity provider (the development issuer's names). */
export async function userToken(who: string | User, options: UserTokenOptions = {}) {
  return signUserToken(
    await importSigningKey((await testKeys()).issuer.privateJwk),
    userOf(who),
    options,
  );
}

/** What a test request says about who asks and why. */
export interface AsUser {
  as?: string | User;
  purpose?: string | null;
  breakGlass?: string | null;
  /** The child a break-glass reason is for. */
  breakGlassChild?: string | null;
  requestId?: string;
}

/** The principal the gateway would derive from `AsUser`. */
export function principalOf(options: AsUser = {}): Principal {
  return {
    user: userOf(options.as ?? 'sc-practitioner'),
    requestId: options.requestId ?? `test-${Math.random().toString(36).slice(2, 12)}`,
    purpose: options.purpose ?? null,
    breakGlassReason: options.breakGlass ?? null,
    breakGlassChildId: options.breakGlassChild ?? null,
  };
}

/** The grant verifier a partner uses, over the test keys. */
export async function testGrantVerifier(): Promise<GrantVerifier> {
  return createGrantVerifier(createLocalJWKSet((await testKeys()).grant.jwks));
}

/** Socialcare's grant signer, over the test keys; `now` may put its grants in the past. */
export async function testGrantSigner(now?: () => Date): Promise<GrantSigner> {
  return createGrantSigner(await importSigningKey((await testKeys()).grant.privateJwk), now);
}

/** Socialcare's signer of grants naming several subjects, over the test keys. */
export async function testGrantListSigner(now?: () => Date): Promise<GrantListSigner> {
  return createGrantListSigner(await importSigningKey((await testKeys()).grant.privateJwk), now);
}

/**
 * A relationship grant as socialcare would sign it for `principal` about a child (or an adult),
 * stating `basis` (null: no relationship).
 */
export async function grantFor(
  principal: Principal,
  id: string,
  basis: RelationshipBasis | null,
  type: GrantSubject['type'] = 'Child',
): Promise<string> {
  return (await testGrantSigner())(principal, { type, id }, basis);
}

/** An internal token as the gateway would sign it for `audience`; `now` may put it in the past. */
export async function internalToken(principal: Principal, audience: string, now?: Date) {
  const signing = await importSigningKey((await testKeys()).internal.privateJwk);
  return createInternalTokenSigner(signing, now ? () => now : undefined)(principal, audience);
}

/** The verifier a subgraph uses, over the test keys. */
export async function testInternalVerifier(audience: string) {
  return createInternalTokenVerifier({
    keys: createLocalJWKSet((await testKeys()).internal.jwks),
    audience,
  });
}

/** The gateway's user verifier and internal signer, over the test keys. */
export async function testGatewayAuth() {
  const k = await testKeys();
  return {
    verifyUser: createUserTokenVerifier({
      keys: createLocalJWKSet(k.issuer.jwks),
      issuer: 'mash-dev-issuer',
      audience: 'mash-gateway',
    }),
    signInternal: createInternalTokenSigner(await importSigningKey(k.internal.privateJwk)),
  };
}

/**
 * A stand-in for socialcare's relationship grant in a test's entity representation, stating
 * `basis` (null: no relationship). `RunningSubgraph.query` signs the real grant for the request's
 * principal and the representation's `__typename` and `id`, as socialcare would.
 */
export function granted(basis: RelationshipBasis | null): string {
  return `${GRANT_PLACEHOLDER}${basis ?? 'NONE'}`;
}

const GRANT_PLACEHOLDER = 'test-grant:';

/**
 * `variables` with every `relationshipGrant` placeholder (`granted`) in an object that has a
 * `__typename` and an `id` replaced by a grant signed for `principal`.
 */
export async function withGrants(
  variables: Record<string, unknown> | undefined,
  principal: Principal,
): Promise<Record<string, unknown> | undefined> {
  const sign = async (value: unknown): Promise<unknown> => {
    if (Array.isArray(value)) return Promise.all(value.map(sign));
    if (value === null || typeof value !== 'object') return value;
    const entries = await Promise.all(
      Object.entries(value as Record<string, unknown>).map(async ([k, v]) => [k, await sign(v)]),
    );
    const object = Object.fromEntries(entries) as Record<string, unknown>;
    const grant = object.relationshipGrant;
    if (typeof grant === 'string' && grant.startsWith(GRANT_PLACEHOLDER)) {
      const basis = grant.slice(GRANT_PLACEHOLDER.length);
      const type = object.__typename === 'Adult' ? 'Adult' : 'Child';
      const id = String(type === 'Child' && 'childId' in object ? object.childId : object.id);
      object.relationshipGrant = await grantFor(
        principal,
        id,
        basis === 'NONE' ? null : (basis as RelationshipBasis),
        type,
      );
    }
    return object;
  };
  return variables === undefined ? undefined : ((await sign(variables)) as Record<string, unknown>);
}
