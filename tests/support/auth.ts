import { createLocalJWKSet } from 'jose';
import {
  createInternalTokenSigner,
  createInternalTokenVerifier,
  createUserTokenVerifier,
  type Principal,
  type User,
} from '../../shared/auth';
import { DEMO_USERS, signUserToken, type UserTokenOptions } from '../../dev/dev-issuer';
import { generateJwkPair, importSigningKey, type KeyPairFiles } from '../../shared/keys';

/** The keys of one test process: a stand-in identity provider and the gateway's internal pair. */
export interface TestKeys {
  issuer: KeyPairFiles;
  internal: KeyPairFiles;
}

let keys: Promise<TestKeys> | undefined;

/** Generated once per test file; never written to disk. */
export function testKeys(): Promise<TestKeys> {
  keys ??= (async () => ({ issuer: await generateJwkPair(), internal: await generateJwkPair() }))();
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
  requestId?: string;
}

/** The principal the gateway would derive from `AsUser`. */
export function principalOf(options: AsUser = {}): Principal {
  return {
    user: userOf(options.as ?? 'sc-practitioner'),
    requestId: options.requestId ?? `test-${Math.random().toString(36).slice(2, 12)}`,
    purpose: options.purpose ?? null,
    breakGlassReason: options.breakGlass ?? null,
  };
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
