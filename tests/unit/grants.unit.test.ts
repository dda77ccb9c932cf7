import { SignJWT } from 'jose';
import type { RelationshipBasis } from '../../shared/access';
import {
  GRANT_AUDIENCE,
  GRANT_ISSUER,
  GRANT_MAX_SUBJECTS,
  GrantBatch,
  RequestGrants,
  type GrantEntry,
  type GrantListSigner,
  type GrantSubject,
} from '../../shared/grants';
import { importSigningKey } from '../../shared/keys';
import {
  grantFor,
  principalOf,
  testGrantListSigner,
  testGrantVerifier,
  testKeys,
} from '../support/auth';

const child = (id: string): GrantSubject => ({ type: 'Child', id });
const adult = (id: string): GrantSubject => ({ type: 'Adult', id });

/** A grant signer that records what it was asked to sign, then signs it as socialcare does. */
async function recordingSigner() {
  const sign = await testGrantListSigner();
  const calls: GrantEntry[][] = [];
  const signer: GrantListSigner = (principal, entries) => {
    calls.push([...entries]);
    return sign(principal, entries);
  };
  return { signer, calls };
}

/** The partner's reading of `grant` for `subject`, in a request of `principal`. */
async function partnerReads(
  principal: ReturnType<typeof principalOf>,
  grant: string,
  subject: GrantSubject,
) {
  const grants = new RequestGrants(await testGrantVerifier(), principal);
  await grants.prepare({ representations: [{ relationshipGrant: grant }] });
  return grants.check(grant, subject);
}

/** A grant signed with socialcare's key whose claims are written by hand. */
async function handMade(principal: ReturnType<typeof principalOf>, claims: object) {
  const signing = await importSigningKey((await testKeys()).grant.privateJwk);
  return new SignJWT({ uid: principal.user.id, rid: principal.requestId, ...claims })
    .setProtectedHeader({ alg: signing.alg, kid: signing.kid, typ: 'relationship-grant+jwt' })
    .setIssuer(GRANT_ISSUER)
    .setAudience(GRANT_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('60s')
    .sign(signing.key);
}

describe('relationship grants issued a turn at a time', () => {
  it('signs one grant for the subjects of one turn, each trusted with its own basis', async () => {
    const principal = principalOf();
    const { signer, calls } = await recordingSigner();
    const batch = new GrantBatch(signer, principal);
    const [a, b, c] = await Promise.all([
      batch.issue(child('SC1'), 'OPEN_CONTACT'),
      batch.issue(adult('AD1'), null),
      batch.issue(child('SC2'), 'CASE_TEAM'),
    ]);
    expect(calls).toHaveLength(1);
    expect(new Set([a, b, c]).size).toBe(1);
    expect(await partnerReads(principal, a, child('SC1'))).toEqual({
      trusted: true,
      basis: 'OPEN_CONTACT',
    });
    expect(await partnerReads(principal, a, adult('AD1'))).toEqual({ trusted: true, basis: null });
    expect(await partnerReads(principal, a, child('SC2'))).toEqual({
      trusted: true,
      basis: 'CASE_TEAM',
    });
  });

  it(`names at most ${GRANT_MAX_SUBJECTS} subjects in a grant`, async () => {
    const { signer, calls } = await recordingSigner();
    const batch = new GrantBatch(signer, principalOf());
    const grants = await Promise.all(
      Array.from({ length: 25 }, (_, i) => batch.issue(child(`SC${i}`), 'OPEN_CONTACT')),
    );
    expect(calls.map((entries) => entries.length)).toEqual([10, 10, 5]);
    expect(new Set(grants).size).toBe(3);
  });

  it('signs the next turn afresh, and a subject decided twice differently gets its own grant', async () => {
    const principal = principalOf();
    const { signer, calls } = await recordingSigner();
    const batch = new GrantBatch(signer, principal);
    const first = await batch.issue(child('SC1'), 'OPEN_CONTACT');
    const [again, other] = await Promise.all([
      batch.issue(child('SC1'), 'OPEN_CONTACT'),
      batch.issue(child('SC1'), null),
    ]);
    expect(calls).toHaveLength(3);
    expect(first).not.toBe(again);
    expect(await partnerReads(principal, other, child('SC1'))).toEqual({
      trusted: true,
      basis: null,
    });
  });
});

describe("a partner's reading of a grant that names several subjects", () => {
  const principal = principalOf();
  const entries = (n: number, basis: RelationshipBasis | null = 'OPEN_CONTACT') =>
    Array.from({ length: n }, (_, i) => ({ subject: child(`SC${i}`), basis }));

  it('refuses it for a subject it does not name', async () => {
    const grant = await (await testGrantListSigner())(principal, entries(3));
    expect(await partnerReads(principal, grant, child('SC9'))).toEqual({
      trusted: false,
      problem: 'it was issued for another child',
    });
    expect(await partnerReads(principal, grant, adult('SC0'))).toEqual({
      trusted: false,
      problem: 'it was issued for another adult',
    });
  });

  it('refuses it for another user or another request', async () => {
    const grant = await (await testGrantListSigner())(principal, entries(2));
    const otherUser = { ...principal, user: { ...principal.user, id: 'someone-else' } };
    expect(await partnerReads(otherUser, grant, child('SC0'))).toMatchObject({ trusted: false });
    const otherRequest = { ...principal, requestId: 'another-request' };
    expect(await partnerReads(otherRequest, grant, child('SC0'))).toMatchObject({
      trusted: false,
      problem: 'it was issued for another request',
    });
  });

  it.each([
    [
      'more subjects than a grant may name',
      { subjects: Object.fromEntries(entries(11).map((e) => [`Child:${e.subject.id}`, e.basis])) },
    ],
    ['no subjects', { subjects: {} }],
    [
      'both a subject and a list',
      { sub: 'Child:SC0', basis: 'OPEN_CONTACT', subjects: { 'Child:SC0': 'OPEN_CONTACT' } },
    ],
    ['a basis that is not one', { subjects: { 'Child:SC0': 'FRIEND' } }],
  ])('refuses a grant with %s', async (_, claims) => {
    const grant = await handMade(principal, claims);
    expect(await partnerReads(principal, grant, child('SC0'))).toEqual({
      trusted: false,
      problem: 'it lacks valid claims',
    });
  });

  it('still trusts a grant of one subject written with `sub` and `basis`', async () => {
    const grant = await grantFor(principal, 'SC0', 'CASE_TEAM');
    expect(await partnerReads(principal, grant, child('SC0'))).toEqual({
      trusted: true,
      basis: 'CASE_TEAM',
    });
  });

  it('is never signed for more than the limit', async () => {
    const sign = await testGrantListSigner();
    expect(() => sign(principal, entries(GRANT_MAX_SUBJECTS + 1))).toThrow(RangeError);
    expect(() => sign(principal, [])).toThrow(RangeError);
  });
});
