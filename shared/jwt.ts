import { KeyObject } from 'node:crypto';
import { createSigner, createVerifier, TokenError, type Algorithm } from 'fast-jwt';
import { errors as joseErrors, type JWTVerifyGetKey, type KeyLike } from 'jose';

/**
 * Signing and verifying JWTs on the hot path. `fast-jwt` (NearForm) signs and verifies with
 * node:crypto's synchronous one-shot calls; jose's own sign and verify go through the libuv thread
 * pool, which on this machine cost 200 µs a sign and 310 µs a verify of CPU against fast-jwt's
 * 64 and 128 (`npm run bench:jwt`). A child view signs and verifies a dozen. jose stays for what
 * it does well: generating, importing and exporting keys, and finding a token's key in a JWKS
 * (a file, or a URL fetched, cached and refreshed on an unknown `kid`).
 */

/** A private key to sign with: the key, its id (`kid`) and algorithm. */
export interface SigningKey {
  key: KeyLike | Uint8Array;
  kid: string;
  alg: string;
}

/** Why a token was refused. */
export type JwtProblem =
  /** Expired, or older than the most a token may be. */
  | 'expired'
  /** Signed right, but a claim is wrong (issuer, audience, type, not yet valid, issued ahead). */
  | 'claims'
  /** Not a JWT, not signed by a key the verifier knows, or signed with an algorithm it refuses. */
  | 'unverified';

/** A token refused: `problem` says why in kind, `message` in words (naming the claim). */
export class JwtRefused extends Error {
  constructor(
    readonly problem: JwtProblem,
    message: string,
  ) {
    super(message);
    this.name = 'JwtRefused';
  }
}

/** Signs compact JWTs with `signing`'s key: `header` beside `alg` and `kid`; claims as given. */
export function createJwtSigner(
  signing: SigningKey,
  header: { typ: string },
): (claims: Record<string, unknown>) => string {
  if (!(signing.key instanceof KeyObject)) {
    throw new TypeError('A signing key must be an asymmetric private key');
  }
  return createSigner({
    key: signing.key.export({ type: 'pkcs8', format: 'pem' }) as string,
    algorithm: signing.alg as Algorithm,
    kid: signing.kid,
    header: { alg: signing.alg, ...header },
    // The caller sets iat and exp from its own clock (tests fix it); fast-jwt keeps a given iat.
  });
}

export interface JwtVerifyOptions {
  issuer: string;
  audience: string;
  algorithms: string[];
  /** Claims that must be present, e.g. `exp`, `iat`. */
  requiredClaims: string[];
  clockToleranceSeconds: number;
  /** The oldest a token may be, counted from its `iat`, whatever its `exp` says. */
  maxAgeSeconds: number;
  /** The `typ` its header must carry (compared as RFC 7515 says: no `application/`, any case). */
  typ?: string;
}

/**
 * A compact token's protected header, to find its key by: only the first part is decoded here
 * (fast-jwt decodes the whole token once, when it verifies it).
 */
function headerOf(token: string): Record<string, unknown> {
  const end = token.indexOf('.');
  let header: unknown;
  try {
    header =
      end > 0 ? JSON.parse(Buffer.from(token.slice(0, end), 'base64url').toString('utf8')) : null;
  } catch {
    header = null;
  }
  if (!header || typeof header !== 'object' || Array.isArray(header)) {
    throw new JwtRefused('unverified', 'The token is malformed');
  }
  return header as Record<string, unknown>;
}

/** The claim a fast-jwt claim message names ("The aud claim value is not allowed."). */
const claimNamed = (message: string) => /\bThe (\w+) claim\b/.exec(message)?.[1];

/**
 * Verifies compact JWTs against `keys` (a jose JWKS: the key is the one whose `kid` and `alg` the
 * token names): signature, algorithm, issuer, audience, `typ`, expiry and not-before with the
 * clock tolerance, the oldest age, and an `iat` not ahead of the clock. Resolves to the payload;
 * rejects with JwtRefused.
 */
export function createJwtVerifier(
  keys: JWTVerifyGetKey,
  options: JwtVerifyOptions,
): (token: string) => Promise<Record<string, unknown>> {
  const toleranceMs = options.clockToleranceSeconds * 1000;
  // One fast-jwt verifier per key, made the first time a token names it.
  const verifiers = new WeakMap<KeyObject, (token: string) => Record<string, unknown>>();
  const verifierOf = (key: KeyObject) => {
    let verify = verifiers.get(key);
    if (!verify) {
      verify = createVerifier({
        key: key.export({ type: 'spki', format: 'pem' }) as string,
        algorithms: options.algorithms as Algorithm[],
        allowedIss: options.issuer,
        allowedAud: options.audience,
        requiredClaims: options.requiredClaims,
        clockTolerance: toleranceMs,
        maxAge: options.maxAgeSeconds * 1000,
        ...(options.typ ? { checkTyp: options.typ } : {}),
      });
      verifiers.set(key, verify);
    }
    return verify;
  };

  return async (token) => {
    let key: unknown;
    try {
      const header = headerOf(token);
      if (!options.algorithms.includes(String(header.alg))) {
        throw new JwtRefused('unverified', `The algorithm ${String(header.alg)} is not accepted`);
      }
      key = await keys(header as Parameters<JWTVerifyGetKey>[0], { payload: '', signature: '' });
    } catch (error) {
      if (error instanceof JwtRefused) throw error;
      if (error instanceof TokenError || error instanceof joseErrors.JOSEError) {
        throw new JwtRefused('unverified', error.message);
      }
      throw error;
    }
    if (!(key instanceof KeyObject) || key.type !== 'public') {
      throw new JwtRefused('unverified', 'The key a token names must be a public key');
    }
    let payload: Record<string, unknown>;
    try {
      payload = verifierOf(key)(token);
    } catch (error) {
      if (!(error instanceof TokenError)) throw error;
      switch (error.code) {
        case TokenError.codes.expired:
          throw new JwtRefused('expired', error.message);
        case TokenError.codes.invalidClaimValue:
        case TokenError.codes.invalidClaimType:
        case TokenError.codes.missingRequiredClaim:
        case TokenError.codes.inactive:
        case TokenError.codes.invalidType: {
          const claim =
            error.code === TokenError.codes.invalidType ? 'typ' : claimNamed(error.message);
          throw new JwtRefused('claims', claim ? `"${claim}" claim check failed` : error.message);
        }
        default:
          throw new JwtRefused('unverified', error.message);
      }
    }
    if (typeof payload.iat === 'number' && payload.iat * 1000 > Date.now() + toleranceMs) {
      throw new JwtRefused('claims', '"iat" claim check failed: it should be in the past');
    }
    return payload;
  };
}
