import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTVerifyGetKey,
} from 'jose';
import type { SigningKey } from './auth';
import { DEV_KEY_PAIRS } from './config';

/** The algorithm of every key this project generates: ECDSA P-256, small and fast to verify. */
export const KEY_ALGORITHM = 'ES256';

/** A freshly generated key pair: the private JWK (with `kid` and `alg`) and its public JWKS. */
export interface KeyPairFiles {
  privateJwk: JWK;
  jwks: { keys: JWK[] };
}

/** Generates an ES256 key pair as JWKs; `kid` names it in token headers. */
export async function generateJwkPair(kid: string = randomUUID()): Promise<KeyPairFiles> {
  const { publicKey, privateKey } = await generateKeyPair(KEY_ALGORITHM, { extractable: true });
  const meta = { kid, alg: KEY_ALGORITHM, use: 'sig' };
  return {
    privateJwk: { ...(await exportJWK(privateKey)), ...meta },
    jwks: { keys: [{ ...(await exportJWK(publicKey)), ...meta }] },
  };
}

/** File names inside a key pair's folder. */
export const PRIVATE_KEY_FILE = 'private.jwk.json';
export const JWKS_FILE = 'jwks.json';

/**
 * Makes sure `<dir>` holds a key pair (`private.jwk.json` and `jwks.json`), generating one if not.
 * Safe when several processes start at once: the pair is written to a temporary folder and renamed
 * into place, so every process ends up reading the same pair. For development and tests only; a
 * deployment supplies its own keys.
 */
export async function ensureKeyPair(dir: string): Promise<void> {
  if (fs.existsSync(path.join(dir, PRIVATE_KEY_FILE))) return;
  const pair = await generateJwkPair(`${path.basename(dir)}-${randomUUID().slice(0, 8)}`);
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const temp = `${dir}.${process.pid}.${randomUUID()}.tmp`;
  fs.mkdirSync(temp);
  fs.writeFileSync(path.join(temp, PRIVATE_KEY_FILE), JSON.stringify(pair.privateJwk), {
    mode: 0o600,
  });
  fs.writeFileSync(path.join(temp, JWKS_FILE), JSON.stringify(pair.jwks, null, 2));
  try {
    fs.renameSync(temp, dir);
  } catch (error) {
    fs.rmSync(temp, { recursive: true, force: true });
    // Another process renamed its pair into place first; that pair is the one everyone uses.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
  }
}

/**
 * The public keys that verify tokens, from a JWKS file or an `https://` / `http://` URL (fetched
 * and cached by jose, refreshed when an unknown `kid` arrives).
 */
export function loadJwks(source: string): JWTVerifyGetKey {
  if (/^https?:\/\//.test(source)) return createRemoteJWKSet(new URL(source));
  let jwks: { keys: JWK[] };
  try {
    jwks = JSON.parse(fs.readFileSync(source, 'utf8')) as { keys: JWK[] };
  } catch (error) {
    throw new Error(`Cannot read the JWKS at ${source}: ${(error as Error).message}`);
  }
  return createLocalJWKSet(jwks);
}

/** Imports a private JWK (with `kid` and `alg`) for signing. */
export async function importSigningKey(jwk: JWK): Promise<SigningKey> {
  const alg = jwk.alg ?? KEY_ALGORITHM;
  return { key: await importJWK(jwk, alg), kid: jwk.kid ?? 'default', alg };
}

/** Reads a private JWK file (as written by `ensureKeyPair`) for signing. */
export async function loadSigningKey(file: string): Promise<SigningKey> {
  let jwk: JWK;
  try {
    jwk = JSON.parse(fs.readFileSync(file, 'utf8')) as JWK;
  } catch (error) {
    throw new Error(`Cannot read the signing key at ${file}: ${(error as Error).message}`);
  }
  return importSigningKey(jwk);
}

/**
 * Development only: makes sure the local development issuer's key pair, the internal key pair and
 * the lead subgraph's relationship-grant pair exist under `keysDir` (see `DEV_KEY_PAIRS` in shared/config.ts).
 */
export async function ensureDevKeys(keysDir: string): Promise<void> {
  await ensureKeyPair(path.join(keysDir, DEV_KEY_PAIRS.issuer));
  await ensureKeyPair(path.join(keysDir, DEV_KEY_PAIRS.internal));
  await ensureKeyPair(path.join(keysDir, DEV_KEY_PAIRS.grant));
}

/**
 * Development only: a secret a service uses when its setting is not given (socialcare's pseudonym
 * key), read from `<keysDir>/<file>` and generated there on first use (32 random bytes,
 * base64url: 43 characters, file mode 0600). Generated once and kept, so what it keys stays the
 * same from one run to the next; the data directory is never committed. Safe when several
 * processes start at once: the key is written to a temporary file and hard-linked into place,
 * which fails for every process but the first, and each then reads the one that won.
 */
export function ensureDevSecret(keysDir: string, name: string): string {
  const file = path.join(keysDir, name);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(keysDir, { recursive: true });
    const temp = `${file}.${process.pid}.${randomUUID()}.tmp`;
    fs.writeFileSync(temp, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600 });
    try {
      fs.linkSync(temp, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      fs.rmSync(temp, { force: true });
    }
  }
  return fs.readFileSync(file, 'utf8').trim();
}
