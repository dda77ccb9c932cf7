import { LAWFUL_BASIS } from '../../shared/access';
import type { SubgraphName } from '../../shared/config';
import { DEMO_USERS } from '../../dev/dev-issuer';
import { SENSITIVE_HEALTH_SUMMARY } from '../../subgraphs/health/access';
import {
  caseTeamOf,
  hasOpenContact,
  newRequestId,
  northCaseChild,
  openChild,
  REASON,
  scChild,
  SINCE,
  unrelatedChild,
} from '../support/access';
import { auditOf, bySubject, DISCLOSURE_COLUMNS } from '../support/audit';
import type { AsUser } from '../support/auth';
import { errorCodes } from '../support/errors';
import { startSystem, TEST_NOW, testWorld, type RunningSystem } from '../support/system';
import { cleanChildren } from '../support/truth';

// Who may see what, end to end: the rules in every subgraph by role and relationship, break
// glass and its review, police intelligence under handling code C and sensitive health
// information. Signing in, the audit row of each disclosure, the operation log and hostile
// operations are in gateway.e2e.test.ts.

const world = testWorld();

let system: RunningSystem;

beforeAll(async () => {
  system = await startSystem();
});
afterAll(() => system.stop());

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

  // A partner's MASH practitioner in its own "MASH North" team holds no socialcare case: teams
  // are compared by agency and id, so only socialcare's MASH North holds the north child's case.
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
    ['police-mash',           NORTH,  SHOWN,  NO_REL,   NO_REL,  NO_REL, NO_REL, NO_REL],
    ['police-officer',        OPEN,   ROLE,   NA,       NA,      NA,     NA,     NA],
    ['police-officer',        NONE,   ROLE,   NA,       NA,      NA,     NA,     NA],
    ['police-officer',        NORTH,  ROLE,   NA,       NA,      NA,     NA,     NA],
    ['health-mash',           OPEN,   SHOWN,  SHOWN,    SHOWN,   SHOWN,  SHOWN,  SHOWN],
    ['health-mash',           NONE,   SHOWN,  NO_REL,   NO_REL,  NO_REL, NO_REL, NO_REL],
    ['health-mash',           NORTH,  SHOWN,  NO_REL,   NO_REL,  NO_REL, NO_REL, NO_REL],
    ['probation-mash',        OPEN,   SHOWN,  SHOWN,    SHOWN,   SHOWN,  SHOWN,  SHOWN],
    ['probation-mash',        NONE,   SHOWN,  NO_REL,   NO_REL,  NO_REL, NO_REL, NO_REL],
    ['probation-mash',        NORTH,  SHOWN,  NO_REL,   NO_REL,  NO_REL, NO_REL, NO_REL],
    ['health-visitor',        OPEN,   ROLE,   NA,       NA,      NA,     NA,     NA],
    ['health-visitor',        NONE,   ROLE,   NA,       NA,      NA,     NA,     NA],
    ['health-visitor',        NORTH,  ROLE,   NA,       NA,      NA,     NA,     NA],
    ['education-mash',        OPEN,   SHOWN,  SHOWN,    SHOWN,   SHOWN,  SHOWN,  SHOWN],
    ['education-mash',        NONE,   SHOWN,  NO_REL,   NO_REL,  NO_REL, NO_REL, NO_REL],
    ['education-mash',        NORTH,  SHOWN,  NO_REL,   NO_REL,  NO_REL, NO_REL, NO_REL],
    ['education-dsl',         OPEN,   ROLE,   NA,       NA,      NA,     NA,     NA],
    ['education-dsl',         NONE,   ROLE,   NA,       NA,      NA,     NA,     NA],
    ['education-dsl',         NORTH,  ROLE,   NA,       NA,      NA,     NA,     NA],
    ['early-help',            OPEN,   ROLE,   NA,       NA,      NA,     NA,     NA],
    ['early-help',            NONE,   ROLE,   NA,       NA,      NA,     NA,     NA],
    ['early-help',            NORTH,  ROLE,   NA,       NA,      NA,     NA,     NA],
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
    const columns = [...DISCLOSURE_COLUMNS, 'breakGlassReason'] as const;
    const rowsOf = async (name: SubgraphName) =>
      (await auditOf(system.subgraphs[name], requestId, columns)).sort(bySubject);
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
    const rows = await auditOf(system.subgraphs.socialcare, requestId);
    expect(rows.map((r) => [r.userId, r.subject, r.outcome, r.childId])).toEqual([
      ['sc-manager', 'BreakGlassAccesses', 'DISCLOSED', null],
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

  it('breaks glass for the named child alone: a sibling reached through its household is identified, its sections stay closed', async () => {
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
    const children = res.data!.child.household.children;
    const at = (id: string) => children.findIndex((c) => c.id === id);
    expect({
      errors: errorCodes(res),
      anchorPolice: children[at(anchor.id)].police !== null,
      siblingRows: siblingRows.map((r) => [r.subject, r.outcome, r.reason]),
    }).toEqual({
      errors: [[`child.household.children.${at(sibling.id)}.police`, 'FORBIDDEN_NO_RELATIONSHIP']],
      anchorPolice: true,
      siblingRows: [['Child', 'DISCLOSED', 'IDENTIFICATION']],
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
          message: expect.stringMatching(/^X-Break-Glass-Reason must be 20 to 500 characters/),
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
    const rows = await auditOf(system.subgraphs.health, requestId);
    expect(rows.map((r) => [r.subject, r.fields, r.outcome, r.reason])).toEqual([
      ['HealthSection', ['summary'], 'DISCLOSED', expect.any(String)],
      ['HealthSection', ['summary'], 'WITHHELD', 'WITHHELD_SENSITIVE_HEALTH'],
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
