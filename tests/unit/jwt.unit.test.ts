import { createHmac } from 'node:crypto';
import { createLocalJWKSet, SignJWT } from 'jose';
import {
  createJwtSigner,
  createJwtVerifier,
  type JwtVerifyOptions,
  type SigningKey,
} from '../../shared/jwt';
import { generateJwkPair, importSigningKey } from '../../shared/keys';

const OPTIONS: JwtVerifyOptions = {
  issuer: 'issuer',
  audience: 'audience',
  algorithms: ['ES256'],
  requiredClaims: ['exp', 'iat'],
  clockToleranceSeconds: 5,
  maxAgeSeconds: 60,
  typ: 'thing+jwt',
};
const now = () => Math.floor(Date.now() / 1000);
const claims = (over: Record<string, unknown> = {}) => ({
  iss: 'issuer',
  aud: 'audience',
  iat: now(),
  exp: now() + 60,
  said: 'hello',
  ...over,
});

describe('signing and verifying the federation’s own JWTs', () => {
  let sign: (c: Record<string, unknown>) => string;
  let verify: (token: string) => Promise<Record<string, unknown>>;
  let kid: string;
  let signingKey: SigningKey['key'];

  beforeAll(async () => {
    const pair = await generateJwkPair();
    kid = pair.privateJwk.kid!;
    const signing = await importSigningKey(pair.privateJwk);
    signingKey = signing.key;
    sign = createJwtSigner(signing, { typ: 'thing+jwt' });
    verify = createJwtVerifier(createLocalJWKSet(pair.jwks), OPTIONS);
  });

  it('verifies what it signed, claims as signed, key id and type in the header', async () => {
    const token = sign(claims());
    const header = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8'));
    expect(header).toEqual({ alg: 'ES256', typ: 'thing+jwt', kid });
    expect(await verify(token)).toMatchObject({ said: 'hello', iss: 'issuer' });
  });

  it.each([
    ['another audience', { aud: 'elsewhere' }, 'claims', /"aud"/],
    ['another issuer', { iss: 'someone' }, 'claims', /"iss"/],
    ['an iat ahead of the clock', { iat: now() + 3600, exp: now() + 7200 }, 'claims', /"iat"/],
    ['a not-before ahead of the clock', { nbf: now() + 3600 }, 'claims', /"nbf"/],
    ['an expiry passed', { iat: now() - 50, exp: now() - 30 }, 'expired', /./],
    ['an age past the most', { iat: now() - 120, exp: now() + 3600 }, 'expired', /./],
  ])('refuses a token with %s', async (_, over, problem, message) => {
    await expect(verify(sign(claims(over)))).rejects.toMatchObject({ problem, message });
  });

  it('refuses a token without iat', async () => {
    const token = await new SignJWT({ said: 'hello' })
      .setProtectedHeader({ alg: 'ES256', kid, typ: 'thing+jwt' })
      .setIssuer('issuer')
      .setAudience('audience')
      .setExpirationTime('60s')
      .sign(signingKey);
    await expect(verify(token)).rejects.toMatchObject({ problem: 'claims', message: /"iat"/ });
  });

  it('refuses a token of another type', async () => {
    const pair = await generateJwkPair(kid);
    const other = createJwtSigner(await importSigningKey(pair.privateJwk), { typ: 'JWT' });
    const verifyOther = createJwtVerifier(createLocalJWKSet(pair.jwks), OPTIONS);
    await expect(verifyOther(other(claims()))).rejects.toMatchObject({
      problem: 'claims',
      message: /"typ"/,
    });
  });

  it('refuses a token signed by another key under the same key id, or by an unknown key', async () => {
    const sameKid = await generateJwkPair(kid);
    const forged = createJwtSigner(await importSigningKey(sameKid.privateJwk), {
      typ: 'thing+jwt',
    });
    await expect(verify(forged(claims()))).rejects.toMatchObject({ problem: 'unverified' });
    const unknown = await generateJwkPair('unknown');
    const stranger = createJwtSigner(await importSigningKey(unknown.privateJwk), {
      typ: 'thing+jwt',
    });
    await expect(verify(stranger(claims()))).rejects.toMatchObject({ problem: 'unverified' });
  });

  it('refuses a token made with an algorithm it does not accept (HS256 keyed by the public key)', async () => {
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const input = `${part({ alg: 'HS256', typ: 'thing+jwt', kid })}.${part(claims())}`;
    const mac = createHmac('sha256', 'anything').update(input).digest('base64url');
    await expect(verify(`${input}.${mac}`)).rejects.toMatchObject({ problem: 'unverified' });
    await expect(verify('not-a-token')).rejects.toMatchObject({ problem: 'unverified' });
  });
});
