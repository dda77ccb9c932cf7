import { randomUUID } from 'node:crypto';
import {
  createInternalTokenSigner,
  type Principal,
  type SigningKey,
  type User,
} from '../../shared/auth';
import { SUBGRAPH_NAMES } from '../../shared/config';
import {
  createGrantListSigner,
  createGrantSigner,
  type GrantSigner,
  type GrantSubject,
} from '../../shared/grants';
import { generateJwkPair, importSigningKey } from '../../shared/keys';
import type { UnsignedGrant } from './fixtures';

/**
 * How the suite talks to a subgraph: HTTP only (so it certifies a subgraph in any stack), with
 * internal tokens signed as the gateway signs them (shared/auth.ts), or deliberately wrong.
 */

/** Who the suite asks as: a socialcare MASH practitioner, as the gateway would pass them on. */
export const CONTRACT_USER: User = {
  id: 'partner-contract',
  name: 'Partner contract suite',
  agency: 'SOCIALCARE',
  role: 'MASH_PRACTITIONER',
  team: 'MASH North',
};

/** A GraphQL error as a subgraph sends it. */
export interface WireError {
  message?: unknown;
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}

/** What came back for one request. */
export interface Reply {
  status: number;
  headers: Headers;
  /** The parsed body, or null when it was not JSON. */
  body: { data?: Record<string, unknown> | null; errors?: WireError[] } | null;
}

/** One GraphQL request the suite made, kept for the clauses that judge it afterwards. */
export interface Exchange {
  requestId: string;
  representations: Record<string, unknown>[];
  reply: Reply;
}

/** Why fetch got no answer: the network error's code (ECONNREFUSED) or message. */
export function whyUnanswered(error: Error): string {
  const cause = error.cause as { code?: string; message?: string } | undefined;
  return cause?.code ?? cause?.message ?? error.message;
}

/** POSTs a GraphQL request to `url`; throws, saying why, when nothing answers. */
export async function postGraphQL(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<Reply> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  }).catch((error: Error) => {
    throw new Error(`no answer from ${url} (${whyUnanswered(error)})`);
  });
  const text = await res.text();
  let body: Reply['body'] = null;
  try {
    body = JSON.parse(text) as Reply['body'];
  } catch {
    // Not JSON: the clauses report the status.
  }
  return { status: res.status, headers: res.headers, body };
}

/** The internal tokens of the suite: the right one, and the three wrong ones. */
export interface Tokens {
  /** Signed with the gateway's key for this subgraph, valid for 60 s. */
  valid(principal: Principal): Promise<string>;
  /** Right in every claim but signed with another key under the same key id. */
  forged(principal: Principal): Promise<string>;
  /** Signed with the right key, expired ten minutes ago. */
  expired(principal: Principal): Promise<string>;
  /** Signed with the right key for another subgraph. */
  wrongAudience(principal: Principal): Promise<string>;
}

const TEN_MINUTES_MS = 10 * 60 * 1000;

/** Token makers for `audience` (the agency's subgraph name) over the gateway's signing key. */
export async function createTokens(signing: SigningKey, audience: string): Promise<Tokens> {
  const other = await importSigningKey((await generateJwkPair(signing.kid)).privateJwk);
  const sign = createInternalTokenSigner(signing);
  const past = createInternalTokenSigner(signing, () => new Date(Date.now() - TEN_MINUTES_MS));
  const elsewhere = SUBGRAPH_NAMES.find((n) => n !== audience) ?? 'socialcare';
  return {
    valid: (p) => sign(p, audience),
    forged: (p) => createInternalTokenSigner(other)(p, audience),
    expired: (p) => past(p, audience),
    wrongAudience: (p) => sign(p, elsewhere),
  };
}

/** Signs a representation's grant for the request of `principal` about `subject`. */
export type GrantMaker = (
  grant: UnsignedGrant,
  principal: Principal,
  subject: GrantSubject,
) => Promise<string>;

/**
 * The suite's relationship grants, signed as socialcare signs them (shared/grants.ts
 * `createGrantSigner`) over socialcare's grant key, or spoiled as `grant.options.fault` says:
 * signed by another key under the same key id, ten minutes ago, to another user, or for another
 * request; `grant.options.about` names another child for a grant replayed onto this one.
 */
export async function createGrants(signing: SigningKey): Promise<GrantMaker> {
  const other = await importSigningKey((await generateJwkPair(signing.kid)).privateJwk);
  const signers: Record<string, GrantSigner> = {
    right: createGrantSigner(signing),
    forged: createGrantSigner(other),
    expired: createGrantSigner(signing, () => new Date(Date.now() - TEN_MINUTES_MS)),
  };
  const signList = createGrantListSigner(signing);
  return (grant, principal, subject) => {
    const { fault, about, alongside } = grant.options;
    if (alongside) {
      const named = about ? { ...subject, id: about } : subject;
      return signList(principal, [
        { subject: named, basis: grant.basis },
        ...alongside.map((a) => ({
          subject: { type: 'Child' as const, id: a.id },
          basis: a.basis,
        })),
      ]);
    }
    const sign = signers[fault ?? 'right'] ?? signers.right;
    const to =
      fault === 'another-user'
        ? { ...principal, user: { ...principal.user, id: `${principal.user.id}-another` } }
        : fault === 'another-request'
          ? { ...principal, requestId: `contract-${randomUUID()}` }
          : principal;
    return sign(to, about ? { ...subject, id: about } : subject, grant.basis);
  };
}

/** A fresh principal for one request: its own request id, so its audit rows can be found. */
export function principalFor(purpose: string): Principal {
  return {
    user: CONTRACT_USER,
    requestId: `contract-${randomUUID()}`,
    purpose,
    breakGlassReason: null,
    breakGlassChildId: null,
  };
}
