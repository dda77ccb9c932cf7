import { randomUUID } from 'node:crypto';
import { PARTNER_AGENCIES } from '../../shared/agencies';
import type { SubgraphName } from '../../shared/config';
import { DEFAULT_USER_LIMITS } from '../../shared/config';
import type { Logger } from '../../shared/logger';
import { importCsv } from '../../subgraphs/socialcare/imports';
import {
  caseTeamOf,
  hasOpenContact,
  newRequestId,
  northCaseChild,
  openChild,
  openContactId,
  REASON,
  scChild,
  SINCE,
  unrelatedChild,
} from '../support/access';
import { auditOf, DISCLOSURE_COLUMNS } from '../support/audit';
import { knownChild } from '../support/frontdoor';
import { grantFor, internalToken, principalOf, userToken } from '../support/auth';
import { childRepresentation } from '../support/truth';
import { DEMO_USERS } from '../../dev/dev-issuer';
import type { Principal } from '../../shared/auth';
import { createGrantSigner } from '../../shared/grants';
import { generateJwkPair, importSigningKey } from '../../shared/keys';
import { HEADER } from '../support/imports';
import { startProxy, type FaultyProxy } from '../support/proxy';
import {
  postGraphQL,
  startGateway,
  startSubgraph,
  startSystem,
  TEST_NOW,
  testWorld,
  type GraphQLResponse,
  type RunningGateway,
  type RunningSubgraph,
  type RunningSystem,
} from '../support/system';

// The attack on the running system of issue 18, replayed finding by finding: each attack as it
// was made, refused, and recorded where the project records such a refusal (an agency's audit
// for a disclosure it refused, the log for a request refused before any agency was asked).
// The system starts once for the file; a finding that needs a service set up otherwise (a
// gateway with other limits, a subgraph with a log to read) starts its own inside its describe.

/** One log line as a capturing logger keeps it. */
interface LogLine {
  level: string;
  message: string;
  fields: Record<string, unknown>;
}

/** A logger that keeps every line, to show what a refusal left in the log. */
function capturingLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at =
    (level: string) =>
    (message: string, fields: Record<string, unknown> = {}) =>
      lines.push({ level, message, fields });
  return {
    lines,
    logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') },
  };
}

/** A child the MASH practitioner may see: one with an open contact. */
const sc = scChild(openChild.socialcareId!);

/** The gateway's log, for every finding. */
const gatewayLog = capturingLogger();

let system: RunningSystem;

beforeAll(async () => {
  // Break-glass for at most 2 children a day (finding 2's allowance; other tests break glass as
  // another user).
  system = await startSystem({
    logger: gatewayLog.logger,
    socialcare: { breakGlassDailyAllowance: 2 },
  });
});
afterAll(() => system?.stop());

/** The subgraphs' URLs, to start a gateway of a finding's own in front of them. */
function subgraphUrls(): Record<SubgraphName, string> {
  return Object.fromEntries(Object.values(system.subgraphs).map((s) => [s.name, s.url])) as Record<
    SubgraphName,
    string
  >;
}

/** The rows in one of a subgraph's tables. */
async function countRows(name: SubgraphName, table: string): Promise<number> {
  const [{ n }] = await system.subgraphs[name].database.dataSource.query(
    `SELECT count(*)::int AS n FROM ${table}`,
  );
  return n as number;
}

/** PostgreSQL's own words, which no client may ever read. */
const POSTGRES_TEXT =
  /invalid byte sequence|invalid input syntax|out of range|QueryFailedError|syntax error|violates|relation "/i;

/** What a client reads of a refused request: status, and each error's code, field and message. */
function refusal(res: GraphQLResponse<unknown>) {
  return {
    status: res.status,
    errors: (res.errors ?? []).map((e) => ({
      code: e.extensions?.code,
      field: e.extensions?.field,
      message: e.message,
    })),
  };
}

/** The audit rows of one request in one agency's log, as most tests compare them. */
const auditIn = (agency: SubgraphName, requestId: string) =>
  auditOf(system.subgraphs[agency], requestId, DISCLOSURE_COLUMNS);

const RECORD_CONTACT = `
  mutation ($input: RecordContactInput!) {
    recordContact(input: $input) { id decisions { child { id } } }
  }`;

/** A recordContact input about one new child, as a MASH practitioner would type it. */
function contactAbout(newChild: Record<string, unknown>) {
  return {
    idempotencyKey: randomUUID(),
    source: '6',
    referrer: 'PC 4411 Example, Northside Police',
    concern: 'Domestic incident at the family home overnight; child present and upset.',
    children: [{ newChild: { sex: 'FEMALE', ...newChild } }],
  };
}

describe("Finding 1: an adult recorded as a child gets the adult's records", () => {
  const PARTNERS = PARTNER_AGENCIES.map((a) => a.name as SubgraphName);

  it('refuses to record a "child" born in 1994, and records the refusal', async () => {
    const requestId = newRequestId();
    const res = await system.query(
      RECORD_CONTACT,
      {
        input: contactAbout({
          givenName: 'Dana',
          familyName: 'Quillfeather',
          dateOfBirth: '1994-05-01',
          address: { line: '1 Example Row', postcode: 'N15 4AB' },
        }),
      },
      { requestId },
    );
    expect(res).toBeRefusedWith('BAD_USER_INPUT', 'recordContact');
    expect(res.errors?.[0].extensions?.field).toBe('children[0].newChild.dateOfBirth');
    expect(await auditIn('socialcare', requestId)).toEqual([
      {
        subject: 'Child',
        childId: null,
        fields: ['children[0].newChild.dateOfBirth'],
        outcome: 'DENIED',
        reason: 'NOT_A_CHILD',
      },
    ]);
  });

  it("gets no partner's section of an adult socialcare holds as a child, and each partner records the refusal", async () => {
    // Whatever socialcare sends: an adult already on its records as a child (recorded before the
    // front door refused them, say), on an open contact.
    const sc = system.subgraphs.socialcare.database.dataSource;
    await sc.query(
      `INSERT INTO children (id, given_name, family_name, date_of_birth, sex, created_at)
       VALUES ('SC-ATTACK-1', 'Dana', 'Quillfeather', '1994-05-01', 'FEMALE', now())`,
    );
    await sc.query(`INSERT INTO contact_children (contact_id, child_id) VALUES ($1, $2)`, [
      openContactId,
      'SC-ATTACK-1',
    ]);
    const requestId = newRequestId();
    const res = await system.query(
      `query ($id: ID!) {
        child(id: $id) { id ${PARTNERS.map((p) => `${p} { summary }`).join(' ')} }
      }`,
      { id: 'SC-ATTACK-1' },
      { requestId },
    );
    for (const partner of PARTNERS) {
      expect(res).toBeRefusedWith('FORBIDDEN_NOT_A_CHILD', ['child', partner]);
      expect(await auditIn(partner, requestId)).toRecordAudit({
        outcome: 'DENIED',
        childId: 'SC-ATTACK-1',
        reason: 'FORBIDDEN_NOT_A_CHILD',
      });
      expect((await auditIn(partner, requestId)).map((r) => r.outcome)).not.toContain('DISCLOSED');
    }
  });
});

describe('Finding 4: look-alike names make duplicate children', () => {
  it('finds the child already known behind a zero-width space, and creates no second child', async () => {
    const requestId = newRequestId();
    const given = knownChild.givenName;
    const res = await system.query(
      RECORD_CONTACT,
      {
        input: contactAbout({
          givenName: `${given.slice(0, 1)}\u200B${given.slice(1)}`,
          familyName: knownChild.familyName,
          dateOfBirth: knownChild.dateOfBirth,
          householdId: knownChild.householdId,
        }),
      },
      { requestId },
    );
    expect(res).toBeRefusedWith('CHILD_ALREADY_KNOWN', 'recordContact');
    expect(res.errors?.[0].extensions?.childIds).toEqual([knownChild.id]);
    // Nothing was written, so nothing changed is recorded.
    expect(await auditIn('socialcare', requestId)).toEqual([]);
  });

  it('refuses a given name with a Cyrillic letter, saying why, and records the refusal', async () => {
    const requestId = newRequestId();
    const given = knownChild.givenName;
    // A Cyrillic "а" or "е" in place of the Latin one; "о" when the name has neither.
    const lookAlike = given.replace(
      /[aeo]/,
      (c) => ({ a: '\u0430', e: '\u0435', o: '\u043E' })[c]!,
    );
    expect(lookAlike).not.toBe(given);
    const res = await system.query(
      RECORD_CONTACT,
      {
        input: contactAbout({
          givenName: lookAlike,
          familyName: knownChild.familyName,
          dateOfBirth: knownChild.dateOfBirth,
          householdId: knownChild.householdId,
        }),
      },
      { requestId },
    );
    expect(res).toBeRefusedWith('BAD_USER_INPUT', 'recordContact');
    expect(res.errors?.[0].message).toMatch(
      /mixes (Latin and Cyrillic|Cyrillic and Latin) letters/,
    );
    expect(await auditIn('socialcare', requestId)).toEqual([
      {
        subject: 'Child',
        childId: null,
        fields: ['children[0].newChild.givenName'],
        outcome: 'DENIED',
        reason: 'MIXED_SCRIPT_NAME',
      },
    ]);
  });
});

describe('Finding 2: break-glass is one header for a whole request', () => {
  const world = testWorld();
  // Children with no open contact and no case: only break-glass opens their records.
  const unrelated = world.socialcare.children
    .filter((c) => !hasOpenContact(c.id) && caseTeamOf(c.id) === null && c.dateOfBirth)
    .map((c) => c.id);
  const SECTIONS = `police { summary } health { summary }`;

  it("never opens a search's partner sections under break-glass, not even for the child it names", async () => {
    const requestId = newRequestId();
    const named = scChild(unrelatedChild.socialcareId!);
    const res = await system.query<{ searchChildren: { id: string }[] }>(
      `query ($name: String) { searchChildren(name: $name) { id ${SECTIONS} } }`,
      { name: named.familyName },
      { as: 'sc-practitioner-south', breakGlass: REASON, breakGlassChild: named.id, requestId },
    );
    const found = res.data!.searchChildren;
    const at = found.findIndex((c) => c.id === named.id);
    expect(at).toBeGreaterThanOrEqual(0);
    expect(res).toBeRefusedWith('FORBIDDEN_NO_RELATIONSHIP', ['searchChildren', at, 'police']);
    expect(res).toBeRefusedWith('FORBIDDEN_NO_RELATIONSHIP', ['searchChildren', at, 'health']);
    expect(await auditIn('police', requestId)).toRecordAudit({
      childId: named.id,
      outcome: 'DENIED',
      reason: 'FORBIDDEN_NO_RELATIONSHIP',
    });
    expect(await auditIn('police', requestId)).not.toRecordAudit({
      outcome: 'DISCLOSED',
      reason: 'BREAK_GLASS',
    });
  });

  it.each([
    ['one character repeated', 'a'.repeat(30), {}, 'BAD_BREAK_GLASS_REASON'],
    ['a short piece repeated', 'abc'.repeat(10), {}, 'BAD_BREAK_GLASS_REASON'],
    ['a reason under 20 characters', 'Need to check it', {}, 'BAD_BREAK_GLASS_REASON'],
    ['no child named', REASON, { breakGlassChild: null }, 'BAD_BREAK_GLASS_CHILD'],
    [
      'two children named',
      REASON,
      { breakGlassChild: 'SC100001,SC100002' },
      'BAD_BREAK_GLASS_CHILD',
    ],
  ])(
    'refuses break-glass with %s, before any agency is asked',
    async (_case, reason, extra, code) => {
      const requestId = newRequestId();
      const res = await system.query(
        `query ($id: ID!) { child(id: $id) { id ${SECTIONS} } }`,
        { id: unrelated[0] },
        { as: 'sc-practitioner-south', breakGlass: reason, requestId, ...extra },
      );
      expect(res).toEqual({
        status: 400,
        errors: [{ message: expect.any(String), extensions: { code } }],
      });
      expect(await auditIn('socialcare', requestId)).toEqual([]);
      expect(await auditIn('police', requestId)).toEqual([]);
    },
  );

  it('opens the named child alone: another child in the same request stays closed', async () => {
    const requestId = newRequestId();
    const [named, other] = unrelated;
    const res = await system.query<{ a: unknown; b: unknown }>(
      `query ($a: ID!, $b: ID!) { a: child(id: $a) { ${SECTIONS} } b: child(id: $b) { ${SECTIONS} } }`,
      { a: named, b: other },
      { as: 'sc-practitioner-south', breakGlass: REASON, breakGlassChild: named, requestId },
    );
    expect(res.data?.a).toEqual({ police: expect.any(Object), health: expect.any(Object) });
    expect(res).toBeRefusedWith('FORBIDDEN_NO_RELATIONSHIP', 'b.police');
    const police = await auditIn('police', requestId);
    expect(police).toRecordAudit({ childId: named, outcome: 'DISCLOSED', reason: 'BREAK_GLASS' });
    expect(police).toRecordAudit({
      childId: other,
      outcome: 'DENIED',
      reason: 'FORBIDDEN_NO_RELATIONSHIP',
    });
  });

  it("refuses break-glass beyond the user's daily allowance, and the manager is told", async () => {
    // The system allows 2 children a day (beforeAll); a child broken into again costs nothing.
    const view = (id: string) =>
      system.query<{ child: { household: unknown } | null }>(
        `query ($id: ID!) { child(id: $id) { household { id } ${SECTIONS} } }`,
        { id },
        { as: 'sc-practitioner', breakGlass: REASON, requestId: newRequestId() },
      );
    const [first, second, third] = unrelated.slice(2, 5);
    for (const id of [first, second, first]) expect((await view(id)).errors).toBeUndefined();
    const requestId = newRequestId();
    const refused = await system.query(
      `query ($id: ID!) { child(id: $id) { household { id } ${SECTIONS} } }`,
      { id: third },
      { as: 'sc-practitioner', breakGlass: REASON, requestId },
    );
    expect(refused).toBeRefusedWith('BREAK_GLASS_ALLOWANCE_EXCEEDED', 'child.household');
    expect(refused).toBeRefusedWith('FORBIDDEN_NO_RELATIONSHIP', 'child.police');
    expect(await auditIn('socialcare', requestId)).toRecordAudit({
      childId: third,
      outcome: 'DENIED',
      reason: 'BREAK_GLASS_ALLOWANCE_EXCEEDED',
    });
    const review = await system.query<{
      breakGlassAccesses: { childId: string; userId: string; refused: boolean }[];
    }>(
      `query ($since: DateTime!) { breakGlassAccesses(since: $since) { childId userId refused } }`,
      { since: SINCE },
      { as: 'sc-manager' },
    );
    expect(review.data?.breakGlassAccesses).toContainEqual({
      childId: third,
      userId: 'sc-practitioner',
      refused: true,
    });
  });
});

describe('Finding 3: partners trust relationship facts that arrive in the entity representation', () => {
  const world = testWorld();
  const SECTION = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Child { police { summary } } } }`;
  const target = unrelatedChild.socialcareId!;
  /** The child's representation as an attacker holding a captured internal token writes it. */
  const forged = (extra: Record<string, unknown>) => {
    const { relationshipGrant: _placeholder, ...rest } = childRepresentation(
      world,
      target,
      'police',
    );
    return { ...rest, ...extra };
  };
  /** Sends `representation` to police directly with a valid internal token for `principal`. */
  const askPolice = async (principal: Principal, representation: Record<string, unknown>) =>
    postGraphQL(
      system.subgraphs.police.url,
      SECTION,
      { r: [representation] },
      { authorization: `Bearer ${await internalToken(principal, 'police')}` },
    );

  it.each([
    [
      'relationship facts forged in the representation',
      async () => ({ hasOpenContact: true, caseTeam: 'MASH North' }),
    ],
    [
      'a genuine grant replayed for another child',
      async (p: Principal) => ({
        relationshipGrant: await grantFor(p, openChild.socialcareId!, 'OPEN_CONTACT'),
      }),
    ],
    [
      'a grant signed by another key',
      async (p: Principal) => {
        const other = await generateJwkPair();
        const sign = createGrantSigner(await importSigningKey(other.privateJwk));
        return { relationshipGrant: await sign(p, { type: 'Child', id: target }, 'OPEN_CONTACT') };
      },
    ],
    [
      'a grant issued for another request',
      async (p: Principal) => ({
        relationshipGrant: await grantFor(
          { ...p, requestId: newRequestId() },
          target,
          'OPEN_CONTACT',
        ),
      }),
    ],
  ])('refuses %s as FORBIDDEN_INVALID_GRANT, audited DENIED', async (_case, extra) => {
    const principal = principalOf({ as: 'sc-practitioner-south', requestId: newRequestId() });
    const res = await askPolice(principal, forged(await extra(principal)));
    expect(res).toBeRefusedWith('FORBIDDEN_INVALID_GRANT', '_entities.0.police');
    expect(await auditIn('police', principal.requestId)).toEqual([
      expect.objectContaining({
        childId: target,
        outcome: 'DENIED',
        reason: 'FORBIDDEN_INVALID_GRANT',
      }),
    ]);
  });

  it('refuses an internal token sent a second time (TOKEN_REPLAYED)', async () => {
    const principal = principalOf({ as: 'sc-practitioner-south', requestId: newRequestId() });
    const headers = { authorization: `Bearer ${await internalToken(principal, 'police')}` };
    const representation = forged({
      relationshipGrant: await grantFor(principal, target, 'OPEN_CONTACT'),
    });
    const first = await postGraphQL(
      system.subgraphs.police.url,
      SECTION,
      { r: [representation] },
      headers,
    );
    const again = await postGraphQL(
      system.subgraphs.police.url,
      SECTION,
      { r: [representation] },
      headers,
    );
    expect(first.errors).toBeUndefined();
    expect(again).toEqual({
      status: 401,
      errors: [{ message: expect.any(String), extensions: { code: 'TOKEN_REPLAYED' } }],
    });
  });

  it('never hands a client the grant: the field is not in the API', async () => {
    const res = await system.query(`query ($id: ID!) { child(id: $id) { relationshipGrant } }`, {
      id: target,
    });
    expect(res).toBeRefusedWith('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('Finding 6: team names grant case access across agencies', () => {
  const child = northCaseChild.socialcareId!;
  // Socialcare's household and every partner's section (each has a summary).
  const SECTIONS = ['household', ...PARTNER_AGENCIES.map((a) => a.name)];
  const VIEW = `query ($id: ID!) { child(id: $id) { household { id } ${PARTNER_AGENCIES.map((a) => `${a.name} { summary }`).join(' ')} } }`;

  it('gives a police MASH practitioner in police\'s own "MASH North" nothing of a case socialcare\'s MASH North holds', async () => {
    const requestId = newRequestId();
    const res = await system.query(VIEW, { id: child }, { as: 'police-mash', requestId });
    for (const field of SECTIONS) {
      expect(res).toBeRefusedWith('FORBIDDEN_NO_RELATIONSHIP', `child.${field}`);
    }
    expect(await auditIn('police', requestId)).toRecordAudit({
      childId: child,
      outcome: 'DENIED',
      reason: 'FORBIDDEN_NO_RELATIONSHIP',
    });
  });

  it("still opens the case to socialcare's own MASH North", async () => {
    const requestId = newRequestId();
    const res = await system.query(VIEW, { id: child }, { as: 'sc-practitioner', requestId });
    expect(res.errors).toBeUndefined();
    expect(await auditIn('police', requestId)).toRecordAudit({
      childId: child,
      outcome: 'DISCLOSED',
      reason: 'CASE_TEAM',
    });
  });

  it.each([
    ['a misspelt team', 'MASH Norht'],
    ["a police team's id", 'response-b'],
    ['an early help team (it works episodes, not contacts)', 'Early Help North'],
  ])('refuses a contact worked by %s (BAD_USER_INPUT on team)', async (_case, team) => {
    const res = await system.query(RECORD_CONTACT, {
      input: {
        ...contactAbout({ givenName: 'Robin', familyName: 'Teamtest', dateOfBirth: '2015-03-04' }),
        team,
      },
    });
    expect(res).toBeRefusedWith('BAD_USER_INPUT', 'recordContact');
    expect(res.errors?.[0].extensions?.field).toBe('team');
  });

  it("refuses a token whose team is not one of its agency's registered teams", async () => {
    const user = { ...DEMO_USERS['police-mash'], team: 'Assessment Team 2' };
    const res = await postGraphQL(system.gatewayUrl, '{ __typename }', undefined, {
      authorization: `Bearer ${await userToken(user)}`,
    });
    expect(res).toEqual({
      status: 401,
      errors: [
        {
          message: expect.stringMatching(/team/),
          extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }),
        },
      ],
    });
  });
});

describe('Finding 5: NUL bytes and bad cursors give internal errors', () => {
  const NUL = '\u0000';

  function contactInput(overrides: Record<string, unknown> = {}) {
    return {
      idempotencyKey: randomUUID(),
      source: '6',
      referrer: 'PC 9 Example, response team',
      concern: 'Child seen alone at night by a patrol',
      children: [{ childId: sc.id }],
      ...overrides,
    };
  }

  const RECORD_CONTACT = `mutation ($input: RecordContactInput!) { recordContact(input: $input) { id } }`;

  // The inputs the attack put a NUL in, each as a client sends it, and the field it is named by.
  const ATTACKS: [string, string, Record<string, unknown>, string][] = [
    [
      'the concern of a new contact',
      RECORD_CONTACT,
      { input: contactInput({ concern: `Seen${NUL}` }) },
      'concern',
    ],
    [
      'the referrer of a new contact',
      RECORD_CONTACT,
      { input: contactInput({ referrer: `PC${NUL}9` }) },
      'referrer',
    ],
    [
      "a new child's given name",
      RECORD_CONTACT,
      {
        input: contactInput({
          children: [
            {
              newChild: {
                givenName: `Ame${NUL}lia`,
                familyName: 'Stone',
                dateOfBirth: '2016-02-03',
              },
            },
          ],
        }),
      },
      'children[0].newChild.givenName',
    ],
    [
      'the team of a new contact',
      RECORD_CONTACT,
      { input: contactInput({ team: `MASH${NUL}North` }) },
      'team',
    ],
    [
      'a name searched for',
      `query ($name: String) { searchChildren(name: $name) { id } }`,
      { name: `Stone${NUL}` },
      'name',
    ],
    ['a child id', `query ($id: ID!) { child(id: $id) { id } }`, { id: `SC${NUL}1` }, 'id'],
    ['a contact id', `query ($id: ID!) { contact(id: $id) { id } }`, { id: `CT${NUL}1` }, 'id'],
  ];

  it.each(ATTACKS)(
    'refuses a NUL in %s at the gateway with BAD_USER_INPUT on the field, asking no agency and writing nothing',
    async (_label, query, variables, field) => {
      const before = {
        contacts: await countRows('socialcare', 'contacts'),
        children: await countRows('socialcare', 'children'),
        audit: (await auditOf(system.subgraphs.socialcare)).length,
      };
      for (const s of Object.values(system.subgraphs)) s.statements.reset();
      const res = await system.query(query, variables);
      expect({
        ...refusal(res),
        statements: Object.values(system.subgraphs).map((s) => s.statements.statements.length),
        written: {
          contacts: await countRows('socialcare', 'contacts'),
          children: await countRows('socialcare', 'children'),
          audit: (await auditOf(system.subgraphs.socialcare)).length,
        },
      }).toEqual({
        status: 400,
        errors: [
          {
            code: 'BAD_USER_INPUT',
            field,
            message: `\`${field}\` holds a control character (U+0000): text may hold no control characters but tab, line feed and carriage return`,
          },
        ],
        statements: Object.values(system.subgraphs).map(() => 0),
        written: before,
      });
    },
  );

  it('logs each refusal at the gateway with the user and the field, never the value', async () => {
    const requestId = newRequestId();
    await system.query(
      RECORD_CONTACT,
      { input: contactInput({ concern: `Secret${NUL}` }) },
      { requestId },
    );
    expect(
      gatewayLog.lines.filter((l) => l.fields.requestId === requestId && l.level === 'warn'),
    ).toEqual([
      {
        level: 'warn',
        message: 'input refused',
        fields: { requestId, userId: 'sc-practitioner', code: 'BAD_USER_INPUT', field: 'concern' },
      },
    ]);
  });

  it.each([
    ['DEL', '\u007F', 'U+007F'],
    ['a C1 control', '\u0085', 'U+0085'],
    ['a lone surrogate', '\uD800', 'U+D800'],
    ['an escape', '\u001B', 'U+001B'],
  ])('refuses %s as it refuses NUL', async (_label, character, named) => {
    const res = await system.query(`query ($name: String) { searchChildren(name: $name) { id } }`, {
      name: `Stone${character}`,
    });
    expect(refusal(res)).toEqual({
      status: 400,
      errors: [
        {
          code: 'BAD_USER_INPUT',
          field: 'name',
          message: `\`name\` holds a control character (${named}): text may hold no control characters but tab, line feed and carriage return`,
        },
      ],
    });
  });

  it('still records a contact whose concern has tabs and line breaks', async () => {
    const res = await system.query(RECORD_CONTACT, {
      input: contactInput({ concern: 'Seen at school:\tbruise\r\nto the arm' }),
    });
    expect({ status: res.status, errors: res.errors }).toEqual({ status: 200, errors: undefined });
  });

  const QUEUE = `query ($after: String) { mashQueue(first: 5, after: $after) { edges { node { id } } } }`;
  const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  it.each([
    ['a date that does not exist', cursor(['2026-02-30T00:00:00.000Z', 'CT0000001'])],
    ['an instant PostgreSQL cannot read', cursor(['1', 'CT0000001'])],
    ['an absurd year', cursor(['+275760-09-13T00:00:00.000Z', 'CT0000001'])],
    ['a NUL in its id', cursor(['2026-11-20T12:00:00.000Z', `CT${NUL}`])],
  ])('refuses a cursor holding %s with BAD_USER_INPUT on `after`', async (_label, after) => {
    const res = await system.query(QUEUE, { after });
    expect(refusal(res)).toEqual({
      status: 200,
      errors: [
        {
          code: 'BAD_USER_INPUT',
          field: 'after',
          message: '`after` must be a cursor this queue returned (`pageInfo.endCursor`)',
        },
      ],
    });
  });

  describe('sent straight to an agency', () => {
    // A police subgraph of its own, with a log to read: a request that bypasses the gateway with a
    // valid internal token (captured within its 60 s), or a representation the gateway passes on.
    const police = capturingLogger();
    let direct: RunningSubgraph;

    beforeAll(async () => {
      direct = await startSubgraph('police', testWorld(), { deps: { logger: police.logger } });
    });
    afterAll(() => direct?.stop());

    it('refuses a NUL in an `_entities` representation with BAD_USER_INPUT, logs it, and discloses and audits nothing', async () => {
      const before = (await auditOf(direct)).length;
      const requestId = newRequestId();
      const res = await direct.query(
        `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Child { police { summary } } } }`,
        {
          representations: [
            {
              __typename: 'Child',
              id: sc.id,
              givenName: `${sc.givenName}${NUL}`,
              familyName: sc.familyName,
              dateOfBirth: sc.dateOfBirth,
              sex: sc.sex,
              postcode: null,
              hasOpenContact: true,
              caseTeam: null,
            },
          ],
        },
        { requestId },
      );
      expect({
        ...refusal(res),
        data: (res as { data?: unknown }).data,
        audit: (await auditOf(direct)).slice(before),
        logged: police.lines.filter((l) => l.fields.requestId === requestId),
      }).toEqual({
        status: 400,
        errors: [
          {
            code: 'BAD_USER_INPUT',
            field: 'representations[0].givenName',
            message:
              '`representations[0].givenName` holds a control character (U+0000): text may hold no control characters but tab, line feed and carriage return',
          },
        ],
        data: undefined,
        audit: [],
        logged: [
          {
            level: 'warn',
            message: 'input refused',
            fields: {
              requestId,
              userId: 'sc-practitioner',
              code: 'BAD_USER_INPUT',
              field: 'representations[0].givenName',
            },
          },
        ],
      });
    });
  });

  it('never lets PostgreSQL’s words reach a client, whichever of these inputs it is sent', async () => {
    const answers = await Promise.all([
      ...ATTACKS.map(([, query, variables]) => system.query(query, variables)),
      system.query(QUEUE, { after: cursor(['2026-02-30T00:00:00.000Z', 'CT0000001']) }),
      system.subgraphs.socialcare.query(`query ($n: String) { searchChildren(name: $n) { id } }`, {
        n: `Stone${NUL}`,
      }),
    ]);
    const said = answers.flatMap((a) => (a.errors ?? []).map((e) => JSON.stringify(e)));
    expect({
      postgres: said.filter((text) => POSTGRES_TEXT.test(text)),
      internal: said.filter((text) => text.includes('INTERNAL_SERVER_ERROR')),
    }).toEqual({ postgres: [], internal: [] });
  });

  it('rejects an imported file’s row with a NUL by line and column, storing nothing', async () => {
    const before = await countRows('socialcare', 'contacts');
    const report = await importCsv(
      system.subgraphs.socialcare.database.dataSource,
      [
        {
          name: 'contacts.csv',
          content: `${HEADER}\nATTACK-1,,Ame${NUL}lia,Stone,2016-02-03,,,2025-03-03T09:30:00Z,6,,,,\n`,
        },
      ],
      { now: TEST_NOW, team: 'MASH North' },
    );
    expect({
      rejected: report.rejected,
      stored: report.stored,
      contacts: await countRows('socialcare', 'contacts'),
    }).toEqual({
      rejected: [
        {
          file: 'contacts.csv',
          line: 2,
          reason:
            'given_name holds a control character (U+0000): a field may hold no control characters but tab, line feed and carriage return',
        },
      ],
      stored: false,
      contacts: before,
    });
  });
});

describe('Finding 7: no per-user rate limit', () => {
  // The attack: 19 heavy child views at once from one user, while a colleague opens a child. A
  // gateway with the default limits in front of the system's subgraphs, socialcare behind a proxy
  // that holds each answer back, so that each heavy view is still running when the next arrives.
  const HOLD_MS = 1_500;
  const HEAVY = `query ($id: ID!) { child(id: $id) {
    id givenName familyName
    chronology { at kind summary }
    police { summary } health { summary } education { summary }
    household { adults { police { summary } health { summary } } }
  } }`;
  const log = capturingLogger();
  let proxy: FaultyProxy;
  let gateway: RunningGateway;

  beforeAll(async () => {
    proxy = await startProxy(system.subgraphs.socialcare.url);
    proxy.delayMs = HOLD_MS;
    gateway = await startGateway({
      subgraphUrls: { ...subgraphUrls(), socialcare: proxy.url },
      userLimits: DEFAULT_USER_LIMITS,
      logger: log.logger,
    });
  });
  afterAll(async () => {
    await gateway?.stop();
    await proxy?.stop();
  });

  /** POSTs `query` to the gateway as `who`: status, Retry-After and the errors' codes. */
  async function send(who: string, query: string, variables: Record<string, unknown> = {}) {
    const res = await fetch(gateway.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await userToken(who)}`,
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
    return {
      status: res.status,
      retryAfter: res.headers.get('retry-after'),
      codes: (body.errors ?? []).map((e) => e.extensions?.code),
    };
  }

  it(`runs ${DEFAULT_USER_LIMITS.maxConcurrent} of one user's 19 heavy views at once, refuses the rest with 429, Retry-After and RATE_LIMITED, and answers a colleague meanwhile`, async () => {
    const before = log.lines.length;
    const attack = Array.from({ length: 19 }, () => send('sc-practitioner', HEAVY, { id: sc.id }));
    await new Promise((r) => setTimeout(r, 300));
    const colleague = await send('sc-manager', HEAVY, { id: sc.id });
    const answers = await Promise.all(attack);
    const tally = (status: number) => answers.filter((a) => a.status === status).length;
    expect({
      answered: tally(200),
      refused: tally(429),
      refusals: new Set(answers.filter((a) => a.status === 429).map((a) => JSON.stringify(a))),
      colleague,
      logged: log.lines.slice(before).filter((l) => l.level === 'warn'),
    }).toEqual({
      answered: DEFAULT_USER_LIMITS.maxConcurrent,
      refused: 19 - DEFAULT_USER_LIMITS.maxConcurrent,
      refusals: new Set([
        JSON.stringify({ status: 429, retryAfter: '1', codes: ['RATE_LIMITED'] }),
      ]),
      colleague: { status: 200, retryAfter: null, codes: [] },
      // One line for the burst, naming the user: not one for each refusal, and never the token.
      logged: [
        {
          level: 'warn',
          message: 'requests refused: rate limited',
          fields: {
            code: 'RATE_LIMITED',
            userId: 'sc-practitioner',
            limit: 'concurrency',
            maxConcurrent: DEFAULT_USER_LIMITS.maxConcurrent,
            rate: DEFAULT_USER_LIMITS.rate,
            windowSeconds: DEFAULT_USER_LIMITS.windowSeconds,
            retryAfterSeconds: 1,
          },
        },
      ],
    });
  });

  it(`refuses a user's requests past ${DEFAULT_USER_LIMITS.rate} a minute, one after another, and not a colleague's`, async () => {
    const QUICK = `{ __typename }`;
    const statuses: number[] = [];
    // The views above used some of this minute's requests already.
    for (let i = 0; i < DEFAULT_USER_LIMITS.rate; i += 1) {
      statuses.push((await send('sc-practitioner', QUICK)).status);
    }
    const over = await send('sc-practitioner', QUICK);
    expect({
      refusedFirstAt: statuses.indexOf(429),
      over: { ...over, retryAfter: Number(over.retryAfter) > 0 },
      colleague: (await send('sc-manager', QUICK)).status,
    }).toEqual({
      refusedFirstAt: DEFAULT_USER_LIMITS.rate - DEFAULT_USER_LIMITS.maxConcurrent,
      over: { status: 429, retryAfter: true, codes: ['RATE_LIMITED'] },
      colleague: 200,
    });
  });
});
