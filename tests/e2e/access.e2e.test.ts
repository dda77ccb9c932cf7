import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { LAWFUL_BASIS } from '../../shared/access';
import { SENSITIVE_HEALTH_SUMMARY } from '../../subgraphs/health/access';
import type { SubgraphName } from '../../shared/config';
import { DEMO_USERS, signUserToken } from '../../dev/dev-issuer';
import { generateJwkPair, importSigningKey } from '../../shared/keys';
import type { Logger } from '../../shared/logger';
import { MAX_INPUT_STRING_LENGTH } from '../../shared/limits';
import { OPERATION_LIMITS } from '../../gateway/gateway';
import { auditOf, bySubject, EVERY_AUDIT_COLUMN } from '../support/audit';
import { internalToken, principalOf, testKeys, userToken, type AsUser } from '../support/auth';
import { errorCodes } from '../support/errors';
import {
  startSystem,
  TEST_NOW,
  testWorld,
  type GraphQLResponse,
  type RunningSystem,
} from '../support/system';
import { cleanChildren, must } from '../support/truth';

// Who may see what, end to end: the user's token at the gateway, the rules in every subgraph, the
// audit rows each subgraph writes, and the gateway's defences against hostile operations.

const world = testWorld();

/** The team of the contact behind the child's latest referral: the team holding the case. */
function caseTeamOf(childId: string): string | null {
  const latest = world.socialcare.referrals
    .filter((r) => r.childId === childId)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .at(-1);
  return latest ? world.socialcare.contacts.find((c) => c.id === latest.contactId)!.team : null;
}

const openDecisions = world.socialcare.contactChildren.filter((d) => d.decidedAt === null);
const hasOpenContact = (childId: string) => openDecisions.some((d) => d.childId === childId);
const knownToAll = world.truth.people.filter(
  (p) =>
    p.kind === 'CHILD' && !p.unborn && p.socialcareId && p.policeId && p.healthId && p.educationId,
);
const clean = cleanChildren(world, ['police', 'health', 'education']);

/** On an open MASH contact and known to every agency (no clean child is on one in this world). */
const openChild = must(
  knownToAll.find((p) => hasOpenContact(p.socialcareId!)),
  'child on an open contact known to every agency',
);
/** The open contact `openChild` is on. */
const openContactId = openDecisions.find((d) => d.childId === openChild.socialcareId)!.contactId;
/** No open contact and no case: only a break-glass reason opens its records. */
const unrelatedChild = must(
  clean.find((p) => !hasOpenContact(p.socialcareId!) && caseTeamOf(p.socialcareId!) === null),
  'clean child with no open contact and no case',
);
/** No open contact; MASH North (every MASH demo user's team but one) holds the case. */
const northCaseChild = must(
  clean.find(
    (p) => !hasOpenContact(p.socialcareId!) && caseTeamOf(p.socialcareId!) === 'MASH North',
  ),
  'clean child with no open contact whose case MASH North holds',
);
const scChild = (id: string) => world.socialcare.children.find((c) => c.id === id)!;

const REASON = 'Strategy discussion at 3pm; police report the child missing overnight';
const SINCE = new Date(TEST_NOW.getTime() - 60 * 60 * 1000).toISOString();

/** A request id of our own, so the audit rows and log line of exactly this request can be found. */
const newRequestId = () => `access-${randomUUID()}`;

async function countRows(system: RunningSystem, name: SubgraphName, table: string) {
  const [{ n }] = await system.subgraphs[name].database.dataSource.query(
    `SELECT count(*)::int AS n FROM ${table}`,
  );
  return n as number;
}

interface LogLine {
  level: string;
  message: string;
  fields: Record<string, unknown>;
}
const logLines: LogLine[] = [];
const capture =
  (level: string) =>
  (message: string, fields: Record<string, unknown> = {}) =>
    logLines.push({ level, message, fields });
const logger: Logger = {
  debug: capture('debug'),
  info: capture('info'),
  warn: capture('warn'),
  error: capture('error'),
};

let system: RunningSystem;

beforeAll(async () => {
  system = await startSystem({ logger });
});
afterAll(() => system.stop());

describe('signing in at the gateway', () => {
  const QUERY = `query ($id: ID!) { child(id: $id) { id familyName household { id } } }`;

  /** Claims as the identity provider would sign them, with `omit` left out. */
  async function tokenWithout(omit: string): Promise<string> {
    const user = DEMO_USERS['sc-practitioner'];
    const claims: Record<string, unknown> = {
      name: user.name,
      agency: user.agency,
      role: user.role,
      team: user.team,
    };
    delete claims[omit];
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: (await testKeys()).issuer.privateJwk.kid })
      .setIssuer('mash-dev-issuer')
      .setAudience('mash-gateway')
      .setSubject(user.id)
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign((await importSigningKey((await testKeys()).issuer.privateJwk)).key);
  }

  async function signedByAnotherKey(kid?: string): Promise<string> {
    const pair = await generateJwkPair(kid);
    return signUserToken(await importSigningKey(pair.privateJwk), DEMO_USERS['sc-practitioner']);
  }

  const ATTEMPTS: {
    attempt: string;
    authorization: () => Promise<string | null>;
    code: string;
    message: RegExp;
  }[] = [
    {
      attempt: 'no Authorization header',
      authorization: async () => null,
      code: 'UNAUTHENTICATED',
      message: /^Sign-in required: send Authorization: Bearer <token>$/,
    },
    {
      attempt: 'an Authorization header that is not a bearer token',
      authorization: async () => `Basic ${Buffer.from('sam:secret').toString('base64')}`,
      code: 'UNAUTHENTICATED',
      message: /^The Authorization header must be "Bearer <token>"$/,
    },
    {
      attempt: 'a bearer token that is not a JWT',
      authorization: async () => 'Bearer not-a-token',
      code: 'UNAUTHENTICATED',
      message: /could not be verified/,
    },
    {
      attempt: 'a token signed by another key',
      authorization: async () => `Bearer ${await signedByAnotherKey()}`,
      code: 'UNAUTHENTICATED',
      message: /could not be verified/,
    },
    {
      attempt: 'a token signed by another key under the issuer key’s id',
      authorization: async () =>
        `Bearer ${await signedByAnotherKey((await testKeys()).issuer.privateJwk.kid)}`,
      code: 'UNAUTHENTICATED',
      message: /could not be verified/,
    },
    {
      attempt: 'an unsigned token (alg none)',
      authorization: async () => {
        const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
        const now = Math.floor(Date.now() / 1000);
        const user = DEMO_USERS['sc-practitioner'];
        return `Bearer ${part({ alg: 'none', typ: 'JWT' })}.${part({
          ...user,
          sub: user.id,
          iss: 'mash-dev-issuer',
          aud: 'mash-gateway',
          iat: now,
          exp: now + 600,
        })}.`;
      },
      code: 'UNAUTHENTICATED',
      message: /could not be verified/,
    },
    {
      attempt: 'a token for another audience',
      authorization: async () =>
        `Bearer ${await userToken('sc-practitioner', { audience: 'another-service' })}`,
      code: 'UNAUTHENTICATED',
      message: /^The token is not valid here: .*"aud"/,
    },
    {
      attempt: 'a token from another issuer',
      authorization: async () =>
        `Bearer ${await userToken('sc-practitioner', { issuer: 'https://idp.example.org' })}`,
      code: 'UNAUTHENTICATED',
      message: /^The token is not valid here: .*"iss"/,
    },
    {
      attempt: 'an expired token',
      authorization: async () =>
        `Bearer ${await userToken('sc-practitioner', {
          now: new Date(Date.now() - 60 * 60 * 1000),
          ttlSeconds: 60,
        })}`,
      code: 'TOKEN_EXPIRED',
      message: /^The token has expired; sign in again$/,
    },
    {
      attempt: 'a token issued in the future',
      authorization: async () =>
        `Bearer ${await userToken('sc-practitioner', {
          now: new Date(Date.now() + 365 * 24 * 60 * 60 * 1000),
          ttlSeconds: 100 * 365 * 24 * 60 * 60,
        })}`,
      code: 'UNAUTHENTICATED',
      message: /^The token is not valid here: .*"iat"/,
    },
    {
      attempt: 'a token older than 24 hours, however long it claims to last',
      authorization: async () =>
        `Bearer ${await userToken('sc-practitioner', {
          now: new Date(Date.now() - 48 * 60 * 60 * 1000),
          ttlSeconds: 365 * 24 * 60 * 60,
        })}`,
      code: 'TOKEN_EXPIRED',
      message: /^The token has expired; sign in again$/,
    },
    {
      attempt: 'a token whose name is not well-formed text',
      authorization: async () =>
        `Bearer ${await userToken({ ...DEMO_USERS['sc-practitioner'], name: 'lone\ud800surrogate' })}`,
      code: 'UNAUTHENTICATED',
      message: /^The token lacks valid claims: name$/,
    },
    {
      attempt: 'a token missing the agency claim',
      authorization: async () => `Bearer ${await tokenWithout('agency')}`,
      code: 'UNAUTHENTICATED',
      message: /^The token lacks valid claims: agency$/,
    },
    {
      attempt: 'a token missing the role claim',
      authorization: async () => `Bearer ${await tokenWithout('role')}`,
      code: 'UNAUTHENTICATED',
      message: /^The token lacks valid claims: role$/,
    },
    {
      attempt: 'the gateway’s own internal token',
      authorization: async () => `Bearer ${await internalToken(principalOf(), 'socialcare')}`,
      code: 'UNAUTHENTICATED',
      message: /could not be verified/,
    },
  ];

  it.each(ATTEMPTS)(
    'refuses $attempt with 401 $code and runs nothing',
    async ({ authorization, code, message }) => {
      const requestId = newRequestId();
      const before = await auditOf(system.subgraphs.socialcare);
      const header = await authorization();
      const res = await fetch(system.gatewayUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-request-id': requestId,
          ...(header ? { authorization: header } : {}),
        },
        body: JSON.stringify({ query: QUERY, variables: { id: openChild.socialcareId } }),
      });
      expect({
        status: res.status,
        challenge: res.headers.get('www-authenticate'),
        body: await res.json(),
        auditRowsWritten: (await auditOf(system.subgraphs.socialcare)).slice(before.length),
        operationLogged: logLines.filter(
          (l) => l.message === 'operation' && l.fields.requestId === requestId,
        ),
      }).toEqual({
        status: 401,
        challenge: 'Bearer',
        body: { errors: [{ message: expect.stringMatching(message), extensions: { code } }] },
        auditRowsWritten: [],
        operationLogged: [],
      });
    },
  );

  it('lets a valid token through, so the refusals above are about the token', async () => {
    const res = await system.query(QUERY, { id: openChild.socialcareId });
    expect(res).toEqual({
      status: 200,
      data: {
        child: {
          id: openChild.socialcareId,
          familyName: scChild(openChild.socialcareId!).familyName,
          household: { id: scChild(openChild.socialcareId!).householdId },
        },
      },
    });
  });
});

describe('who sees which sections of a child, end to end', () => {
  const VIEW = `
    query ($id: ID!) {
      child(id: $id) {
        id givenName
        household { id }
        contacts { id }
        police { summary }
        health { summary }
        education { summary }
      }
    }`;
  const SECTIONS = ['household', 'contacts', 'police', 'health', 'education'] as const;
  const SHOWN = 'shown';
  const NA = '-';
  const ROLE = 'FORBIDDEN_ROLE';
  const NO_REL = 'FORBIDDEN_NO_RELATIONSHIP';
  const CHILDREN: Record<string, string> = {
    'on an open contact': openChild.socialcareId!,
    'with no relationship': unrelatedChild.socialcareId!,
    'whose case MASH North holds': northCaseChild.socialcareId!,
  };
  const OPEN = 'on an open contact';
  const NONE = 'with no relationship';
  const NORTH = 'whose case MASH North holds';

  // prettier-ignore
  const POLICY: [user: string, child: string, ...view: string[]][] = [
    // user                   child   child   household contacts police  health  education
    ['sc-practitioner',       OPEN,   SHOWN,  SHOWN,    SHOWN,   SHOWN,  SHOWN,  SHOWN],
    ['sc-practitioner',       NONE,   SHOWN,  NO_REL,   NO_REL,  NO_REL, NO_REL, NO_REL],
    ['sc-practitioner',       NORTH,  SHOWN,  SHOWN,    SHOWN,   SHOWN,  SHOWN,  SHOWN],
    ['sc-practitioner-south', OPEN,   SHOWN,  SHOWN,    SHOWN,   SHOWN,  SHOWN,  SHOWN],
    ['sc-practitioner-south', NONE,   SHOWN,  NO_REL,   NO_REL,  NO_REL, NO_REL, NO_REL],
    ['sc-practitioner-south', NORTH,  SHOWN,  NO_REL,   NO_REL,  NO_REL, NO_REL, NO_REL],
    ['sc-manager',            OPEN,   SHOWN,  SHOWN,    SHOWN,   SHOWN,  SHOWN,  SHOWN],
    ['sc-manager',            NONE,   SHOWN,  NO_REL,   NO_REL,  NO_REL, NO_REL, NO_REL],
    ['sc-manager',            NORTH,  SHOWN,  SHOWN,    SHOWN,   SHOWN,  SHOWN,  SHOWN],
    ['sc-social-worker',      OPEN,   SHOWN,  SHOWN,    SHOWN,   ROLE,   ROLE,   ROLE],
    ['sc-social-worker',      NONE,   SHOWN,  NO_REL,   NO_REL,  ROLE,   ROLE,   ROLE],
    ['sc-social-worker',      NORTH,  SHOWN,  NO_REL,   NO_REL,  ROLE,   ROLE,   ROLE],
    ['police-mash',           OPEN,   SHOWN,  SHOWN,    SHOWN,   SHOWN,  SHOWN,  SHOWN],
    ['police-mash',           NONE,   SHOWN,  NO_REL,   NO_REL,  NO_REL, NO_REL, NO_REL],
    ['police-mash',           NORTH,  SHOWN,  SHOWN,    SHOWN,   SHOWN,  SHOWN,  SHOWN],
    ['police-officer',        OPEN,   ROLE,   NA,       NA,      NA,     NA,     NA],
    ['police-officer',        NONE,   ROLE,   NA,       NA,      NA,     NA,     NA],
    ['police-officer',        NORTH,  ROLE,   NA,       NA,      NA,     NA,     NA],
    ['health-mash',           OPEN,   SHOWN,  SHOWN,    SHOWN,   SHOWN,  SHOWN,  SHOWN],
    ['health-mash',           NONE,   SHOWN,  NO_REL,   NO_REL,  NO_REL, NO_REL, NO_REL],
    ['health-mash',           NORTH,  SHOWN,  SHOWN,    SHOWN,   SHOWN,  SHOWN,  SHOWN],
    ['health-visitor',        OPEN,   ROLE,   NA,       NA,      NA,     NA,     NA],
    ['health-visitor',        NONE,   ROLE,   NA,       NA,      NA,     NA,     NA],
    ['health-visitor',        NORTH,  ROLE,   NA,       NA,      NA,     NA,     NA],
    ['education-mash',        OPEN,   SHOWN,  SHOWN,    SHOWN,   SHOWN,  SHOWN,  SHOWN],
    ['education-mash',        NONE,   SHOWN,  NO_REL,   NO_REL,  NO_REL, NO_REL, NO_REL],
    ['education-mash',        NORTH,  SHOWN,  SHOWN,    SHOWN,   SHOWN,  SHOWN,  SHOWN],
    ['education-dsl',         OPEN,   ROLE,   NA,       NA,      NA,     NA,     NA],
    ['education-dsl',         NONE,   ROLE,   NA,       NA,      NA,     NA,     NA],
    ['education-dsl',         NORTH,  ROLE,   NA,       NA,      NA,     NA,     NA],
    ['analyst',               OPEN,   ROLE,   NA,       NA,      NA,     NA,     NA],
    ['analyst',               NONE,   ROLE,   NA,       NA,      NA,     NA,     NA],
    ['analyst',               NORTH,  ROLE,   NA,       NA,      NA,     NA,     NA],
    ['admin',                 OPEN,   ROLE,   NA,       NA,      NA,     NA,     NA],
    ['admin',                 NONE,   ROLE,   NA,       NA,      NA,     NA,     NA],
    ['admin',                 NORTH,  ROLE,   NA,       NA,      NA,     NA,     NA],
  ];

  it('has a row for every demo user and each of the three children', () => {
    expect(POLICY.map(([user, child]) => `${user} ${child}`).sort()).toEqual(
      Object.keys(DEMO_USERS)
        .flatMap((user) => [OPEN, NONE, NORTH].map((child) => `${user} ${child}`))
        .sort(),
    );
  });

  it.each(POLICY)('%s asking for the child %s', async (user, child, childCell, ...sectionCells) => {
    const id = CHILDREN[child];
    const res = await system.query<{ child: Record<string, unknown> | null }>(
      VIEW,
      { id },
      { as: user },
    );
    const got = res.data?.child;
    const cellOf = (value: unknown) => (value !== null && value !== undefined ? SHOWN : null);
    const codeAt = (path: string) =>
      res.errors?.find((e) => (e.path ?? []).join('.') === path)?.extensions?.code ?? null;
    const actual = {
      status: res.status,
      child: got ? SHOWN : codeAt('child'),
      ...Object.fromEntries(
        SECTIONS.map((s) => [s, got ? (cellOf(got[s]) ?? codeAt(`child.${s}`)) : NA]),
      ),
      identity: got ? [got.id, got.givenName] : null,
      errors: errorCodes(res),
    };
    const expectedErrors: [string, unknown][] = (
      childCell === SHOWN
        ? SECTIONS.map((s, i): [string, string] => [`child.${s}`, sectionCells[i]])
        : [['child', childCell] as [string, string]]
    )
      .filter(([, cell]) => cell !== SHOWN)
      .sort((a, b) => a[0].localeCompare(b[0]));
    expect(actual).toEqual({
      status: 200,
      child: childCell,
      ...Object.fromEntries(SECTIONS.map((s, i) => [s, sectionCells[i]])),
      identity: childCell === SHOWN ? [id, scChild(id).givenName] : null,
      errors: expectedErrors,
    });
  });

  it('takes the case team from the latest referral, not an earlier one', async () => {
    const teams = ['MASH North', 'MASH South'];
    const moved = world.socialcare.children.find((c) => {
      const referrals = world.socialcare.referrals.filter((r) => r.childId === c.id);
      const earlier = referrals.map(
        (r) => world.socialcare.contacts.find((k) => k.id === r.contactId)!.team,
      );
      const latest = caseTeamOf(c.id);
      return (
        !hasOpenContact(c.id) &&
        latest !== null &&
        teams.includes(latest) &&
        earlier.some((t) => t !== latest && teams.includes(t))
      );
    })!;
    const latest = caseTeamOf(moved.id);
    const holder = latest === 'MASH North' ? 'sc-practitioner' : 'sc-practitioner-south';
    const former = latest === 'MASH North' ? 'sc-practitioner-south' : 'sc-practitioner';
    const ask = async (as: string) =>
      errorCodes(
        await system.query(
          `query ($id: ID!) { child(id: $id) { household { id } } }`,
          { id: moved.id },
          { as },
        ),
      );
    expect({ holder: await ask(holder), former: await ask(former) }).toEqual({
      holder: [],
      former: [['child.household', NO_REL]],
    });
  });
});

describe('break glass', () => {
  const VIEW = `
    query ($id: ID!) {
      child(id: $id) {
        household { id }
        contacts { id }
        police { summary }
        health { summary }
        education { summary }
      }
    }`;
  const BREAK_GLASS_ACCESSES = `
    query ($since: DateTime!) {
      breakGlassAccesses(since: $since) {
        auditSeq occurredAt requestId userId userRole userAgency userTeam reason purpose childId
        subject fields
      }
    }`;
  type Access = { requestId: string; subject: string };

  /** A break-glass request for the unrelated child's full view; returns the response and its id. */
  async function breakGlass(as: AsUser = {}) {
    const requestId = newRequestId();
    const res = await system.query<{ child: Record<string, unknown> }>(
      VIEW,
      { id: unrelatedChild.socialcareId },
      { breakGlass: REASON, requestId, ...as },
    );
    return { requestId, res };
  }

  async function reviewedBy(as: string, requestId: string) {
    const res = await system.query<{ breakGlassAccesses: Access[] }>(
      BREAK_GLASS_ACCESSES,
      { since: SINCE },
      { as },
    );
    return {
      errors: errorCodes(res),
      accesses: (res.data?.breakGlassAccesses ?? [])
        .filter((a) => a.requestId === requestId)
        .sort((a, b) => a.subject.localeCompare(b.subject)),
    };
  }

  it('opens every section of a child with no relationship to a MASH practitioner', async () => {
    const { res } = await breakGlass();
    expect({
      errors: res.errors,
      shown: Object.entries(res.data!.child)
        .filter(([, v]) => v !== null)
        .map(([k]) => k),
    }).toEqual({
      errors: undefined,
      shown: ['household', 'contacts', 'police', 'health', 'education'],
    });
  });

  it('records the reason in socialcare’s and every partner’s audit rows for the request', async () => {
    const { requestId } = await breakGlass();
    const childId = unrelatedChild.socialcareId;
    const row = (subject: string, reason: string, fields: string[]) => ({
      subject,
      childId,
      outcome: 'DISCLOSED',
      reason,
      breakGlassReason: REASON,
      fields,
    });
    const rowsOf = async (name: SubgraphName) =>
      (
        await auditOf(system.subgraphs[name], requestId, [
          'subject',
          'childId',
          'outcome',
          'reason',
          'breakGlassReason',
          'fields',
        ])
      ).sort(bySubject);
    expect({
      socialcare: await rowsOf('socialcare'),
      police: await rowsOf('police'),
      health: await rowsOf('health'),
      education: await rowsOf('education'),
    }).toEqual({
      socialcare: [
        row('Child', 'BREAK_GLASS', expect.any(Array)),
        row('Child.contacts', 'BREAK_GLASS', ['id']),
        row('Child.household', 'BREAK_GLASS', ['id']),
      ],
      police: [row('PoliceSection', 'BREAK_GLASS', ['summary'])],
      health: [row('HealthSection', 'BREAK_GLASS', ['summary'])],
      education: [row('EducationSection', 'BREAK_GLASS', ['summary'])],
    });
  });

  it('shows the disclosure to the manager of the practitioner’s team', async () => {
    const { requestId } = await breakGlass({ purpose: 'contact:CT-TEST' });
    const access = (subject: string, fields: unknown = ['id']) => ({
      auditSeq: expect.stringMatching(/^\d+$/),
      occurredAt: TEST_NOW.toISOString(),
      requestId,
      userId: 'sc-practitioner',
      userRole: 'MASH_PRACTITIONER',
      userAgency: 'SOCIALCARE',
      userTeam: 'MASH North',
      reason: REASON,
      purpose: 'contact:CT-TEST',
      childId: unrelatedChild.socialcareId,
      subject,
      fields,
    });
    expect(await reviewedBy('sc-manager', requestId)).toEqual({
      errors: [],
      accesses: [
        access('Child', expect.arrayContaining(['givenName', 'familyName'])),
        access('Child.contacts'),
        access('Child.household'),
      ],
    });
  });

  it('shows it to an admin', async () => {
    const { requestId } = await breakGlass();
    expect(
      (await reviewedBy('admin', requestId)).accesses.map((a) => [a.requestId, a.subject]),
    ).toEqual([
      [requestId, 'Child'],
      [requestId, 'Child.contacts'],
      [requestId, 'Child.household'],
    ]);
  });

  it('does not show a manager the break-glass disclosures of another team', async () => {
    const { requestId } = await breakGlass({ as: 'sc-practitioner-south' });
    expect({
      northManager: await reviewedBy('sc-manager', requestId),
      admin: (await reviewedBy('admin', requestId)).accesses.length,
    }).toEqual({ northManager: { errors: [], accesses: [] }, admin: 3 });
  });

  it('does not list a disclosure made on an open contact, even when a reason was given', async () => {
    const requestId = newRequestId();
    const res = await system.query(
      `query ($id: ID!) { child(id: $id) { household { id } } }`,
      { id: openChild.socialcareId },
      { breakGlass: REASON, requestId },
    );
    expect({ errors: res.errors, review: await reviewedBy('sc-manager', requestId) }).toEqual({
      errors: undefined,
      review: { errors: [], accesses: [] },
    });
  });

  it('refuses the review to a manager with no team, rather than showing every team', async () => {
    const res = await system.query(
      BREAK_GLASS_ACCESSES,
      { since: SINCE },
      { as: { ...DEMO_USERS['sc-manager'], id: 'teamless-manager', team: null } },
    );
    expect({ data: res.data, errors: errorCodes(res) }).toEqual({
      data: null,
      errors: [['breakGlassAccesses', 'FORBIDDEN_ROLE']],
    });
  });

  it('records each reading of the review', async () => {
    const requestId = newRequestId();
    await system.query(BREAK_GLASS_ACCESSES, { since: SINCE }, { as: 'sc-manager', requestId });
    expect(
      await auditOf(system.subgraphs.socialcare, requestId, [
        'userId',
        'subject',
        'outcome',
        'childId',
      ]),
    ).toEqual([
      { userId: 'sc-manager', subject: 'BreakGlassAccesses', outcome: 'DISCLOSED', childId: null },
    ]);
  });

  it('refuses the review to a practitioner', async () => {
    const res = await system.query(
      BREAK_GLASS_ACCESSES,
      { since: SINCE },
      { as: 'sc-practitioner' },
    );
    expect({ data: res.data, errors: errorCodes(res) }).toEqual({
      data: null,
      errors: [['breakGlassAccesses', 'FORBIDDEN_ROLE']],
    });
  });

  // Every child view passes through socialcare's identification of the child, which is recorded
  // on the basis BREAK_GLASS when the user has no relationship; the partner's own row stays in
  // the partner's log.
  it('shows the manager a break-glass view of a partner section alone', async () => {
    const requestId = newRequestId();
    const res = await system.query(
      `query ($id: ID!) { child(id: $id) { police { summary } } }`,
      { id: unrelatedChild.socialcareId },
      { breakGlass: REASON, requestId },
    );
    expect({
      errors: res.errors,
      reviewed: (await reviewedBy('sc-manager', requestId)).accesses.map((a) => a.subject),
    }).toEqual({ errors: undefined, reviewed: ['Child'] });
  });

  it('records a sibling reached through a household under its own id, flagged for review', async () => {
    // Two children of one household, neither with a relationship to MASH North.
    const unrelated = (id: string) => !hasOpenContact(id) && caseTeamOf(id) !== 'MASH North';
    const sibling = world.socialcare.children.find(
      (c) =>
        c.householdId !== null &&
        unrelated(c.id) &&
        world.socialcare.children.some(
          (o) => o.id !== c.id && o.householdId === c.householdId && unrelated(o.id),
        ),
    )!;
    const anchor = world.socialcare.children.find(
      (o) => o.id !== sibling.id && o.householdId === sibling.householdId && unrelated(o.id),
    )!;
    const requestId = newRequestId();
    const res = await system.query<{
      child: { household: { children: { id: string; police: unknown }[] } };
    }>(
      `query ($id: ID!) { child(id: $id) { household { children { id police { summary } } } } }`,
      { id: anchor.id },
      { as: 'police-mash', breakGlass: REASON, requestId },
    );
    const siblingRows = (await auditOf(system.subgraphs.socialcare, requestId)).filter(
      (r) => r.childId === sibling.id,
    );
    expect({
      errors: res.errors,
      siblingShown: res.data!.child.household.children.some((c) => c.id === sibling.id),
      siblingRows: siblingRows.map((r) => [r.subject, r.outcome, r.reason]),
    }).toEqual({
      errors: undefined,
      siblingShown: true,
      siblingRows: [['Child', 'DISCLOSED', 'BREAK_GLASS']],
    });
  });

  it.each([
    ['a reason too short to review', 'x'],
    ['a reason over 500 characters', 'r'.repeat(501)],
  ])('refuses %s with 400 BAD_BREAK_GLASS_REASON', async (_label, reason) => {
    const res = await system.query(
      `query ($id: ID!) { child(id: $id) { household { id } } }`,
      { id: unrelatedChild.socialcareId },
      { breakGlass: reason },
    );
    expect(res).toEqual({
      status: 400,
      errors: [
        {
          message: expect.stringMatching(/^X-Break-Glass-Reason must be 10 to 500 characters/),
          extensions: { code: 'BAD_BREAK_GLASS_REASON' },
        },
      ],
    });
  });

  it('refuses a purpose over 200 characters with 400 BAD_PURPOSE', async () => {
    const res = await system.query(`{ __typename }`, {}, { purpose: `contact:${'9'.repeat(200)}` });
    expect(res).toEqual({
      status: 400,
      errors: [{ message: expect.any(String), extensions: { code: 'BAD_PURPOSE' } }],
    });
  });
});

describe('police intelligence under handling code C', () => {
  const INTELLIGENCE = `
    query ($id: ID!) {
      child(id: $id) {
        police { intelligence { id handlingCode conditionsMetFor content } }
      }
    }`;
  const RECORD = `
    mutation ($input: RecordHandlingConditionsMetInput!) {
      recordHandlingConditionsMet(input: $input) { itemId agency recordedBy note conditionsMetFor }
    }`;
  const NOTE = 'Officer in the case consulted; conditions met for children’s social care';
  type Item = {
    id: string;
    handlingCode: string;
    conditionsMetFor: string[];
    content: string | null;
  };

  const withC = cleanChildren(world, ['police']).filter((p) =>
    world.police.intelligenceItems.some((i) => i.personId === p.policeId && i.handlingCode === 'C'),
  );
  const itemsOf = (policeId: string) =>
    world.police.intelligenceItems
      .filter((i) => i.personId === policeId)
      .sort((a, b) => b.recordedAt.localeCompare(a.recordedAt) || b.id.localeCompare(a.id));
  // Outside police, C-coded items follow the P-coded ones, in reference order (dates withheld).
  const outsidePolice = (items: ReturnType<typeof itemsOf>) => [
    ...items.filter((i) => i.handlingCode === 'P'),
    ...items.filter((i) => i.handlingCode === 'C').sort((a, b) => a.id.localeCompare(b.id)),
  ];
  // Three children, so no test depends on another's clearance: one with P and C items to read,
  // one to clear, one to clear twice.
  const mixed = withC.find((p) => itemsOf(p.policeId!).some((i) => i.handlingCode === 'P'))!;
  const [toClear, toClearTwice] = withC.filter((p) => p !== mixed);
  const cItemOf = (p: { policeId: string | null }) =>
    itemsOf(p.policeId!).find((i) => i.handlingCode === 'C')!;

  async function intelligence(child: { socialcareId: string | null }, as: string) {
    const res = await system.query<{ child: { police: { intelligence: Item[] } } }>(
      INTELLIGENCE,
      { id: child.socialcareId },
      { as, breakGlass: REASON },
    );
    return { items: res.data?.child.police.intelligence, errors: errorCodes(res) };
  }

  async function clearances(itemId: string) {
    return system.subgraphs.police.database.dataSource.query(
      `SELECT item_id AS "itemId", agency, recorded_by AS "recordedBy", note
         FROM intelligence_clearances WHERE item_id = $1`,
      [itemId],
    );
  }

  /** The police audit rows recording a change to this item's clearances. */
  async function changeRows(itemId: string) {
    return system.subgraphs.police.database.dataSource.query(
      `SELECT user_id AS "userId", action, subject, fields, outcome, reason,
              lawful_basis AS "lawfulBasis"
         FROM audit_log WHERE action = 'CHANGE' AND subject = $1 ORDER BY seq`,
      [`IntelligenceItem ${itemId}`],
    );
  }

  it('withholds a C item’s content from a socialcare MASH practitioner and gives P items in full', async () => {
    const items = outsidePolice(itemsOf(mixed.policeId!));
    expect(await intelligence(mixed, 'sc-practitioner')).toEqual({
      items: items.map((i) => ({
        id: i.id,
        handlingCode: i.handlingCode,
        conditionsMetFor: [],
        content: i.handlingCode === 'P' ? i.content : null,
      })),
      errors: items
        .map((i, n): [string, string] => [`child.police.intelligence.${n}.content`, i.handlingCode])
        .filter(([, code]) => code === 'C')
        .map(([path]) => [path, 'WITHHELD_HANDLING_CODE']),
    });
  });

  it('withholds a C item’s date, grading and conditions too, each with its code', async () => {
    const res = await system.query<{ child: { police: { intelligence: unknown[] } } }>(
      `query ($id: ID!) {
        child(id: $id) {
          police { intelligence { id recordedAt sourceGrade informationGrade handlingConditions } }
        }
      }`,
      { id: mixed.socialcareId },
      { as: 'sc-practitioner', breakGlass: REASON },
    );
    const items = outsidePolice(itemsOf(mixed.policeId!));
    const fields = ['recordedAt', 'sourceGrade', 'informationGrade', 'handlingConditions'];
    expect({ items: res.data!.child.police.intelligence, errors: errorCodes(res) }).toEqual({
      items: items.map((i) =>
        i.handlingCode === 'P'
          ? {
              id: i.id,
              recordedAt: new Date(i.recordedAt).toISOString(),
              sourceGrade: i.sourceGrade,
              informationGrade: i.informationGrade,
              handlingConditions: null,
            }
          : {
              id: i.id,
              recordedAt: null,
              sourceGrade: null,
              informationGrade: null,
              handlingConditions: null,
            },
      ),
      errors: items
        .flatMap((i, n) =>
          i.handlingCode === 'C'
            ? fields.map((f) => [`child.police.intelligence.${n}.${f}`, 'WITHHELD_HANDLING_CODE'])
            : [],
        )
        .sort((a, b) => a[0].localeCompare(b[0])),
    });
  });

  it('tells the practitioner to ask the police MASH practitioner', async () => {
    const res = await system.query(
      INTELLIGENCE,
      { id: mixed.socialcareId },
      { as: 'sc-practitioner', breakGlass: REASON },
    );
    expect(res.errors?.map((e) => e.message)).toEqual(
      itemsOf(mixed.policeId!)
        .filter((i) => i.handlingCode === 'C')
        .map(() => expect.stringContaining('Ask the police MASH practitioner')),
    );
  });

  it('gives a police MASH practitioner the C item’s content', async () => {
    expect(await intelligence(mixed, 'police-mash')).toEqual({
      items: itemsOf(mixed.policeId!).map((i) => ({
        id: i.id,
        handlingCode: i.handlingCode,
        conditionsMetFor: [],
        content: i.content,
      })),
      errors: [],
    });
  });

  it('gives a socialcare practitioner the content once police record the conditions met for socialcare', async () => {
    const item = cItemOf(toClear);
    const content = async () =>
      (await intelligence(toClear, 'sc-practitioner')).items!.find((i) => i.id === item.id);
    const before = await content();
    const recorded = await system.query(
      RECORD,
      { input: { itemId: item.id, agency: 'SOCIALCARE', note: NOTE } },
      { as: 'police-mash' },
    );
    expect({ before, recorded, after: await content() }).toEqual({
      before: { id: item.id, handlingCode: 'C', conditionsMetFor: [], content: null },
      recorded: {
        status: 200,
        data: {
          recordHandlingConditionsMet: {
            itemId: item.id,
            agency: 'SOCIALCARE',
            recordedBy: 'police-mash',
            note: NOTE,
            conditionsMetFor: ['SOCIALCARE'],
          },
        },
      },
      after: {
        id: item.id,
        handlingCode: 'C',
        conditionsMetFor: ['SOCIALCARE'],
        content: item.content,
      },
    });
  });

  it('changes nothing when the same conditions are recorded again', async () => {
    const item = cItemOf(toClearTwice);
    const record = () =>
      system.query(
        RECORD,
        { input: { itemId: item.id, agency: 'SOCIALCARE', note: NOTE } },
        { as: 'police-mash' },
      );
    const state = async () => ({
      clearances: await clearances(item.id),
      changes: await changeRows(item.id),
    });
    const first = await record();
    const afterFirst = await state();
    const second = await record();
    const recorded = {
      status: 200,
      data: {
        recordHandlingConditionsMet: {
          itemId: item.id,
          agency: 'SOCIALCARE',
          recordedBy: 'police-mash',
          note: NOTE,
          conditionsMetFor: ['SOCIALCARE'],
        },
      },
    };
    const once = {
      clearances: [
        { itemId: item.id, agency: 'SOCIALCARE', recordedBy: 'police-mash', note: NOTE },
      ],
      changes: [
        {
          userId: 'police-mash',
          action: 'CHANGE',
          subject: `IntelligenceItem ${item.id}`,
          fields: ['handlingConditionsMetFor.agency', 'handlingConditionsMetFor.note'],
          outcome: 'CHANGED',
          reason: 'HANDLING_CONDITIONS_MET',
          lawfulBasis: LAWFUL_BASIS,
        },
      ],
    };
    expect({ first, afterFirst, second, afterSecond: await state() }).toEqual({
      first: recorded,
      afterFirst: once,
      second: recorded,
      afterSecond: once,
    });
  });

  it('refuses a socialcare practitioner recording conditions met, and records nothing', async () => {
    const item = cItemOf(mixed);
    const res = await system.query(
      RECORD,
      { input: { itemId: item.id, agency: 'SOCIALCARE', note: NOTE } },
      { as: 'sc-practitioner' },
    );
    expect({
      data: res.data,
      errors: errorCodes(res),
      clearances: await clearances(item.id),
      changes: await changeRows(item.id),
    }).toEqual({
      data: null,
      errors: [['recordHandlingConditionsMet', 'FORBIDDEN_ROLE']],
      clearances: [],
      changes: [],
    });
  });
});

describe('sensitive health information', () => {
  const ATTENDANCES = `
    query ($id: ID!) {
      child(id: $id) {
        health { summary attendances { id sensitive sensitiveCategory presentingReason } }
      }
    }`;
  type Attendance = {
    id: string;
    sensitive: boolean;
    sensitiveCategory: string | null;
    presentingReason: string | null;
  };
  const attendancesOf = (healthId: string) =>
    world.health.attendances
      .filter((a) => a.patientId === healthId)
      .sort((a, b) => b.arrivedAt.localeCompare(a.arrivedAt) || b.id.localeCompare(a.id));
  // Both kinds, so the test shows the line between them.
  const child = cleanChildren(world, ['health']).find((p) => {
    const all = attendancesOf(p.healthId!);
    return all.some((a) => a.sensitiveCategory) && all.some((a) => !a.sensitiveCategory);
  })!;
  const attendances = attendancesOf(child.healthId!);

  async function ask(as: string) {
    const res = await system.query<{
      child: { health: { summary: string; attendances: Attendance[] } };
    }>(ATTENDANCES, { id: child.socialcareId }, { as, breakGlass: REASON });
    return { health: res.data?.child.health, errors: errorCodes(res) };
  }

  it('withholds the reason and category of sensitive attendances outside health, and says whom to ask', async () => {
    const { health, errors } = await ask('sc-practitioner');
    expect({ attendances: health?.attendances, errors }).toEqual({
      attendances: attendances.map((a) => ({
        id: a.id,
        sensitive: a.sensitiveCategory !== null,
        sensitiveCategory: null,
        presentingReason: a.sensitiveCategory ? null : a.presentingReason,
      })),
      errors: attendances
        .flatMap((a, n) =>
          a.sensitiveCategory
            ? [
                [`child.health.attendances.${n}.presentingReason`, 'WITHHELD_SENSITIVE_HEALTH'],
                [`child.health.attendances.${n}.sensitiveCategory`, 'WITHHELD_SENSITIVE_HEALTH'],
              ]
            : [],
        )
        .sort((a, b) => a[0].localeCompare(b[0])),
    });
  });

  it('summarises for a non-health user that health holds sensitive information, without describing it', async () => {
    const { health } = await ask('sc-practitioner');
    const sensitiveReasons = attendances
      .filter((a) => a.sensitiveCategory)
      .map((a) => a.presentingReason);
    expect({
      advice: health?.summary.includes(SENSITIVE_HEALTH_SUMMARY),
      described: sensitiveReasons.filter((r) => health?.summary.includes(r)),
    }).toEqual({ advice: true, described: [] });
  });

  it('records the summary’s leaving out of sensitive attendances as a withholding', async () => {
    const requestId = newRequestId();
    await system.query(
      `query ($id: ID!) { child(id: $id) { health { summary } } }`,
      { id: child.socialcareId },
      { as: 'sc-practitioner', breakGlass: REASON, requestId },
    );
    const columns = ['subject', 'fields', 'outcome', 'reason'] as const;
    expect(await auditOf(system.subgraphs.health, requestId, columns)).toEqual([
      {
        subject: 'HealthSection',
        fields: ['summary'],
        outcome: 'DISCLOSED',
        reason: expect.any(String),
      },
      {
        subject: 'HealthSection',
        fields: ['summary'],
        outcome: 'WITHHELD',
        reason: 'WITHHELD_SENSITIVE_HEALTH',
      },
    ]);
  });

  it('gives a health MASH practitioner every reason and category, and a summary without the advice', async () => {
    const { health, errors } = await ask('health-mash');
    expect({
      attendances: health?.attendances,
      errors,
      advice: health?.summary.includes(SENSITIVE_HEALTH_SUMMARY),
    }).toEqual({
      attendances: attendances.map((a) => ({
        id: a.id,
        sensitive: a.sensitiveCategory !== null,
        sensitiveCategory: a.sensitiveCategory,
        presentingReason: a.presentingReason,
      })),
      errors: [],
      advice: false,
    });
  });
});

describe('the audit row of each disclosure, withholding and denial', () => {
  const PURPOSE = `contact:${openContactId}`;
  const sc = scChild(openChild.socialcareId!);
  const household = world.socialcare.households.find((h) => h.id === sc.householdId)!;
  const user = (handle: string) => {
    const u = DEMO_USERS[handle];
    return { userId: u.id, userRole: u.role, userAgency: u.agency, userTeam: u.team };
  };
  /** Values that must never be copied into an audit row. */
  const VALUES = [
    sc.givenName,
    sc.familyName,
    household.postcode,
    household.addressLine,
    ...world.socialcare.adults
      .filter((a) => a.householdId === household.id)
      .map((a) => a.familyName),
  ];

  it('records a disclosure with who, why, which child, the basis, the lawful basis and field names', async () => {
    const requestId = newRequestId();
    await system.query(
      `query ($id: ID!) { child(id: $id) { familyName household { addressLine postcode } } }`,
      { id: sc.id },
      { purpose: PURPOSE, requestId },
    );
    const rows = await auditOf(system.subgraphs.socialcare, requestId);
    expect(rows).toEqual([
      {
        occurredAt: TEST_NOW,
        requestId,
        ...user('sc-practitioner'),
        purpose: PURPOSE,
        lawfulBasis: LAWFUL_BASIS,
        action: 'READ',
        subject: 'Child',
        childId: sc.id,
        fields: expect.arrayContaining(['familyName']),
        outcome: 'DISCLOSED',
        reason: 'IDENTIFICATION',
        breakGlassReason: null,
      },
      {
        occurredAt: TEST_NOW,
        requestId,
        ...user('sc-practitioner'),
        purpose: PURPOSE,
        lawfulBasis: LAWFUL_BASIS,
        action: 'READ',
        subject: 'Child.household',
        childId: sc.id,
        fields: ['addressLine', 'postcode'],
        outcome: 'DISCLOSED',
        reason: 'OPEN_CONTACT',
        breakGlassReason: null,
      },
    ]);
  });

  it('records a withholding with its code and no lawful basis', async () => {
    const requestId = newRequestId();
    const healthChild = cleanChildren(world, ['health']).find((p) =>
      world.health.attendances.some((a) => a.patientId === p.healthId && a.sensitiveCategory),
    )!;
    const sensitive = world.health.attendances.filter(
      (a) => a.patientId === healthChild.healthId && a.sensitiveCategory,
    );
    await system.query(
      `query ($id: ID!) { child(id: $id) { health { attendances { presentingReason } } } }`,
      { id: healthChild.socialcareId },
      { purpose: PURPOSE, requestId, breakGlass: REASON },
    );
    const withheld = (await auditOf(system.subgraphs.health, requestId))
      .filter((r) => r.outcome === 'WITHHELD')
      .sort(bySubject);
    expect(withheld).toEqual(
      sensitive
        .map((a) => ({
          occurredAt: TEST_NOW,
          requestId,
          ...user('sc-practitioner'),
          purpose: PURPOSE,
          lawfulBasis: null,
          action: 'READ',
          subject: `UnscheduledCareAttendance ${a.id}`,
          childId: healthChild.socialcareId,
          fields: ['presentingReason'],
          outcome: 'WITHHELD',
          reason: 'WITHHELD_SENSITIVE_HEALTH',
          breakGlassReason: REASON,
        }))
        .sort((a, b) => a.subject.localeCompare(b.subject)),
    );
  });

  it('records a denial with its code and no lawful basis', async () => {
    const requestId = newRequestId();
    await system.query(
      `query ($id: ID!) { child(id: $id) { police { summary occurrences { id } } } }`,
      { id: unrelatedChild.socialcareId },
      { purpose: PURPOSE, requestId },
    );
    expect(await auditOf(system.subgraphs.police, requestId)).toEqual([
      {
        occurredAt: TEST_NOW,
        requestId,
        ...user('sc-practitioner'),
        purpose: PURPOSE,
        lawfulBasis: null,
        action: 'READ',
        subject: 'PoliceSection',
        childId: unrelatedChild.socialcareId,
        fields: ['occurrences.id', 'summary'],
        outcome: 'DENIED',
        reason: 'FORBIDDEN_NO_RELATIONSHIP',
        breakGlassReason: null,
      },
    ]);
  });

  it('never copies a value into the audit rows, only field names', async () => {
    const requestId = newRequestId();
    const res = await system.query(
      `query ($id: ID!) {
        child(id: $id) {
          givenName familyName postcode household { addressLine postcode adults { familyName } }
        }
      }`,
      { id: sc.id },
      { purpose: PURPOSE, requestId },
    );
    const rows = await auditOf(system.subgraphs.socialcare, requestId, EVERY_AUDIT_COLUMN);
    const text = JSON.stringify(rows);
    expect({
      answered: JSON.stringify(res.data).includes(sc.familyName),
      rows: rows.length > 0,
      leaked: VALUES.filter((v) => text.includes(v)),
    }).toEqual({ answered: true, rows: true, leaked: [] });
  });
});

describe('the gateway’s operation log', () => {
  const sc = scChild(openChild.socialcareId!);
  const SEARCH = `query FindChild($name: String) { searchChildren(name: $name) { id } }`;

  it('names the request and the user and never a variable’s value', async () => {
    const requestId = newRequestId();
    await system.query(
      `query ($name: String) { searchChildren(name: $name) { id } }`,
      { name: `${sc.givenName} ${sc.familyName}` },
      { requestId, purpose: `contact:${openContactId}` },
    );
    expect({
      lines: logLines.filter((l) => l.fields.requestId === requestId),
      leaked: [sc.givenName, sc.familyName].filter((v) => JSON.stringify(logLines).includes(v)),
    }).toEqual({
      lines: [
        {
          level: 'info',
          message: 'operation',
          fields: {
            requestId,
            userId: 'sc-practitioner',
            role: 'MASH_PRACTITIONER',
            agency: 'SOCIALCARE',
            purpose: `contact:${openContactId}`,
            breakGlass: false,
            operationName: null,
            ms: expect.any(Number),
            errors: 0,
          },
        },
      ],
      leaked: [],
    });
  });

  it('names the operation when the client sends its name beside the query', async () => {
    const requestId = newRequestId();
    await fetch(system.gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await userToken('sc-practitioner')}`,
        'x-request-id': requestId,
      },
      body: JSON.stringify({
        query: SEARCH,
        operationName: 'FindChild',
        variables: { name: sc.familyName },
      }),
    });
    expect(
      logLines.filter((l) => l.fields.requestId === requestId).map((l) => l.fields.operationName),
    ).toEqual(['FindChild']);
  });

  // BUG: gateway.ts logs `request.operationName`, the name the client repeated in the request
  // body, not the name of the operation Apollo resolved; most clients send only the query.
  it('names the operation from the query itself', async () => {
    const requestId = newRequestId();
    await system.query(SEARCH, { name: sc.familyName }, { requestId });
    expect(
      logLines.filter((l) => l.fields.requestId === requestId).map((l) => l.fields.operationName),
    ).toEqual(['FindChild']);
  });
});

describe('hostile operations at the gateway', () => {
  const codes = (res: GraphQLResponse<unknown>) => ({
    status: res.status,
    codes: (res.errors ?? []).map((e) => e.extensions?.code),
  });

  it(`refuses an operation deeper than ${OPERATION_LIMITS.maxDepth} with QUERY_TOO_DEEP`, async () => {
    // Each household.children hop is two levels.
    let selection = 'id';
    for (let i = 0; i < OPERATION_LIMITS.maxDepth / 2; i += 1) {
      selection = `household { children { ${selection} } }`;
    }
    const res = await system.query(`query ($id: ID!) { child(id: $id) { ${selection} } }`, {
      id: openChild.socialcareId,
    });
    expect(codes(res)).toEqual({ status: 400, codes: ['QUERY_TOO_DEEP'] });
  });

  it(`refuses more than ${OPERATION_LIMITS.maxAliases} aliases with TOO_MANY_ALIASES`, async () => {
    const aliases = Array.from(
      { length: OPERATION_LIMITS.maxAliases + 1 },
      (_, i) => `a${i}: child(id: "none") { id }`,
    );
    expect(codes(await system.query(`{ ${aliases.join(' ')} }`))).toEqual({
      status: 400,
      codes: ['TOO_MANY_ALIASES'],
    });
  });

  // A queue page with each child's chronology, every agency's detail and the household adults'
  // sections: 200 rows (the queue's largest page) cost about 1.3 times the limit, 50 rows fit.
  const PAGE = (first: string) => `
    query${first === '$first' ? ' ($first: Int)' : ''} {
      mashQueue(first: ${first}) {
        edges { node { id decisions { child {
          id
          chronology { at kind summary }
          police { summary occurrences { id } intelligence { id } }
          health { summary attendances { id } communityContacts { id } }
          education { summary enrolments { school { name } attendance { term } } exclusions { id } }
          household { adults { police { summary } health { summary } } }
        } } } }
      }
    }`;

  const CLOCK = 'startedAt dueAt stoppedAt status secondsLeft';
  it("answers the queue's largest page, 200 contacts with every clock and every agency's summary", async () => {
    const res = await system.query(`{ mashQueue(first: 200) { totalCount edges { node {
      id rag stage nextDueAt outstandingChecks
      clocks { ragResponse { ${CLOCK} } decisionWithin24Hours { ${CLOCK} } decisionWithinOneWorkingDay { ${CLOCK} } }
      decisions { child { id givenName familyName police { summary } health { summary } education { summary } } }
    } } } }`);
    expect(res.errors).toBeUndefined();
  });

  it(`refuses a page whose cost is over ${OPERATION_LIMITS.maxCost} with QUERY_TOO_COSTLY`, async () => {
    const res = await system.query(PAGE('200'));
    expect(codes(res)).toEqual({ status: 400, codes: ['QUERY_TOO_COSTLY'] });
  });

  it('answers the same page of 50, within the limit', async () => {
    const res = await system.query(PAGE('50'));
    expect(res.errors).toBeUndefined();
  });

  // graphql-armor's cost rule multiplies by `first` only when it is a literal; gateway/cost.ts
  // prices the operation again with the variables' values and the schema's defaults.
  it('counts a page size given as a variable as it counts a literal one', async () => {
    const res = await system.query(PAGE('$first'), { first: 200 });
    expect(codes(res)).toEqual({ status: 400, codes: ['QUERY_TOO_COSTLY'] });
  });

  const overTokenLimit = `{ ${Array.from({ length: OPERATION_LIMITS.maxTokens + 1 }, () => '__typename').join(' ')} }`;

  it(`refuses more than ${OPERATION_LIMITS.maxTokens} tokens with TOO_MANY_TOKENS`, async () => {
    const res = await system.query(overTokenLimit);
    expect({
      bodyUnderLimit: JSON.stringify({ query: overTokenLimit }).length < 256 * 1024,
      codes: codes(res).codes,
    }).toEqual({ bodyUnderLimit: true, codes: ['TOO_MANY_TOKENS'] });
  });

  // BUG: graphql-armor's token limit throws in parsingDidStart, which Apollo answers with HTTP 500
  // (a server fault), where every other limit answers 400; and the gateway's own plugin never
  // sees the request, so the error carries no requestId and no operation line is logged.
  it('answers the token limit with 400, like every other limit', async () => {
    expect((await system.query(overTokenLimit)).status).toBe(400);
  });

  it(`refuses more than ${OPERATION_LIMITS.maxDirectives} directives with TOO_MANY_DIRECTIVES`, async () => {
    const spreads = Array.from(
      { length: OPERATION_LIMITS.maxDirectives + 1 },
      () => '... on Child @include(if: true) { id }',
    );
    expect(codes(await system.query(`{ child(id: "none") { id ${spreads.join(' ')} } }`))).toEqual({
      status: 400,
      codes: ['TOO_MANY_DIRECTIVES'],
    });
  });

  it('refuses circular fragments as invalid and stays healthy', async () => {
    const res = await system.query(`
      query { child(id: "none") { ...A } }
      fragment A on Child { id ...B }
      fragment B on Child { givenName ...A }`);
    const after = await system.query(`{ __typename }`);
    expect({
      refused: res.status,
      errors: res.errors?.map((e) => [e.extensions?.code, e.message]),
      after,
    }).toEqual({
      refused: 400,
      errors: [['GRAPHQL_VALIDATION_FAILED', 'Cannot spread fragment "A" within itself via "B".']],
      after: { status: 200, data: { __typename: 'Query' } },
    });
  });

  const tooLong = 'a'.repeat(MAX_INPUT_STRING_LENGTH + 1);

  // BUG: the subgraph throws INPUT_TOO_LONG from didResolveOperation, which Apollo answers with
  // HTTP 500; the gateway reads any non-2xx subgraph answer as the agency being down, so the
  // client gets AGENCY_UNAVAILABLE ("the socialcare service is unavailable") instead.
  it('refuses a string argument over the input limit with INPUT_TOO_LONG', async () => {
    const res = await system.query(`{ searchChildren(name: "${tooLong}") { id } }`);
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['INPUT_TOO_LONG']);
  });

  it('refuses a variable over the input limit with INPUT_TOO_LONG', async () => {
    const res = await system.query(`query ($name: String) { searchChildren(name: $name) { id } }`, {
      name: tooLong,
    });
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['INPUT_TOO_LONG']);
  });

  it('runs nothing for an argument over the input limit that no resolver would have checked', async () => {
    // An item id has no length check of its own: only the subgraph's input bound stops it.
    const lookups = async (itemId: string) => {
      system.subgraphs.police.statements.reset();
      await system.query(
        `mutation ($itemId: ID!) {
          recordHandlingConditionsMet(input: { itemId: $itemId, agency: HEALTH, note: "Checked with the officer in the case" }) { itemId }
        }`,
        { itemId },
        { as: 'police-mash' },
      );
      return system.subgraphs.police.statements.statements.filter((s) =>
        /FROM ("\w+"\.)?"intelligence_items"/.test(s),
      ).length;
    };
    expect({ unknown: await lookups('INT-NO-SUCH-ITEM'), tooLong: await lookups(tooLong) }).toEqual(
      {
        unknown: 1,
        tooLong: 0,
      },
    );
  });

  it('suggests no field names to a misspelt query', async () => {
    const res = await system.query(`query ($id: ID!) { child(id: $id) { familyNam } }`, {
      id: openChild.socialcareId,
    });
    expect({ status: res.status, messages: res.errors?.map((e) => e.message) }).toEqual({
      status: 400,
      messages: ['Cannot query field "familyNam" on type "Child".'],
    });
  });

  it.each([
    ['__schema', `{ __schema { queryType { name } } }`],
    ['__type', `{ __type(name: "Child") { fields { name } } }`],
  ])('refuses introspection with %s', async (_label, query) => {
    const res = await system.query(query);
    expect({ status: res.status, codes: codes(res).codes, data: res.data }).toEqual({
      status: 400,
      codes: ['GRAPHQL_VALIDATION_FAILED'],
      data: undefined,
    });
  });

  it('refuses a batch of operations in one request', async () => {
    const res = await fetch(system.gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await userToken('sc-practitioner')}`,
      },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect({ status: res.status, body: await res.json() }).toEqual({
      status: 400,
      body: {
        errors: [{ message: 'Operation batching disabled.', extensions: { code: 'BAD_REQUEST' } }],
      },
    });
  });

  const INJECTIONS = [
    `' OR 1=1 --`,
    '%',
    '_',
    '\\',
    `Robert'); DROP TABLE children;--`,
    `a%`,
    `%a`,
  ];

  it.each(INJECTIONS)('matches the name %p literally', async (name) => {
    const res = await system.query(
      `query ($name: String) { searchChildren(name: $name, first: 200) { id } }`,
      { name },
    );
    expect(res).toEqual({ status: 200, data: { searchChildren: [] } });
  });

  it.each(INJECTIONS)('refuses the postcode %p as not a postcode', async (postcode) => {
    const res = await system.query(
      `query ($postcode: String) { searchChildren(postcode: $postcode) { id } }`,
      { postcode },
    );
    expect(errorCodes(res)).toEqual([['searchChildren', 'BAD_USER_INPUT']]);
  });

  it('still holds every child after the injection attempts, and still finds them by name', async () => {
    const sc = scChild(openChild.socialcareId!);
    const res = await system.query<{ searchChildren: { id: string }[] }>(
      `query ($name: String) { searchChildren(name: $name) { id } }`,
      { name: sc.familyName },
    );
    expect({
      children: await countRows(system, 'socialcare', 'children'),
      found: res.data?.searchChildren.map((c) => c.id).includes(sc.id),
    }).toEqual({ children: world.socialcare.children.length, found: true });
  });
});
