/**
 * Pseudonymised child ids: what analysts and the Ofsted case lists carry instead of the local
 * authority's own id. A pseudonym is 'P' and 16 base32 characters (RFC 4648 alphabet, A-Z and 2-7)
 * taken from the HMAC-SHA256 of the child's id under a secret key: the same child always has the
 * same pseudonym under one key, so lists can be joined on it; without the key it cannot be turned
 * back into the id, nor recomputed from a guessed id; and the pseudonyms under two keys are
 * unrelated. The authority can recompute one with standard tools: 'P' followed by
 * `printf %s SC100001 | openssl dgst -sha256 -binary -hmac "$PSEUDONYM_KEY" | head -c 10 | base32`.
 */
import { createHmac } from 'node:crypto';

/** The shortest key accepted, as PSEUDONYM_KEY (./settings.ts) requires. */
export const MIN_PSEUDONYM_KEY_LENGTH = 32;

/** A pseudonym: 'P' and 16 base32 characters (80 bits of the HMAC). */
export const PSEUDONYM_PATTERN = /^P[A-Z2-7]{16}$/;

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 of whole 5-byte groups, without padding. */
function base32(bytes: Buffer): string {
  let out = '';
  for (let i = 0; i + 5 <= bytes.length; i += 5) {
    // 40 bits: too wide for JavaScript's 32-bit bitwise operators, exact as a number.
    let group = 0;
    for (let j = 0; j < 5; j++) group = group * 256 + bytes[i + j];
    for (let shift = 35; shift >= 0; shift -= 5) {
      out += BASE32[Math.floor(group / 2 ** shift) % 32];
    }
  }
  return out;
}

/**
 * The pseudonym of `childId` under `key` (HMAC-SHA256 of the id's UTF-8 bytes). Stable and
 * keyed; 80 bits, so two of a million children share one with odds of about 1 in 2.4 million
 * million. Throws when the key is shorter than MIN_PSEUDONYM_KEY_LENGTH: a short key could be
 * found by trying keys against one known child.
 */
export function pseudonymise(key: string, childId: string): string {
  if (key.length < MIN_PSEUDONYM_KEY_LENGTH) {
    throw new Error(`A pseudonym key must be at least ${MIN_PSEUDONYM_KEY_LENGTH} characters`);
  }
  const digest = createHmac('sha256', key).update(childId, 'utf8').digest();
  return `P${base32(digest.subarray(0, 10))}`;
}
