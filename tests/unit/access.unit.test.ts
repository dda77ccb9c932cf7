import {
  AccessCode,
  accessError,
  decideChildRecord,
  type AccessDecision,
  type RelationshipBasis,
} from '../../shared/access';
import { holdsCase } from '../../subgraphs/socialcare/relationship';
import { decideIdentification } from '../../subgraphs/socialcare/access';
import { decideIntelligence, PoliceAccessCode } from '../../subgraphs/police/access';
import {
  decideSensitiveHealth,
  HealthAccessCode,
  SENSITIVE_HEALTH_SUMMARY,
} from '../../subgraphs/health/access';
import {
  AGENCIES,
  ROLES,
  type Agency,
  type Principal,
  type Role,
  type User,
} from '../../shared/auth';
import { DEMO_USERS } from '../../dev/dev-issuer';
import { decideReadEpisodes, decideWorkEpisode } from '../../subgraphs/socialcare/earlyhelp/access';

// The access rules as a specification: every table below is the policy, written out by hand, so
// a change to the access rules (shared/access.ts and each agency's access.ts) that changes who sees what fails here and must change the table.

/** A refusal as the tables write it; the message is checked where it matters, below. */
const ROLE = 'FORBIDDEN_ROLE';
const NO_REL = 'FORBIDDEN_NO_RELATIONSHIP';
const HANDLING = 'WITHHELD_HANDLING_CODE';
const SENSITIVE = 'WITHHELD_SENSITIVE_HEALTH';
/** An allowed decision, by its basis. */
const OPEN = 'OPEN_CONTACT';
const CASE = 'CASE_TEAM';
const GLASS = 'BREAK_GLASS';
const OWN = 'OWN_AGENCY';
const MET = 'CONDITIONS_MET';
const ID = 'IDENTIFICATION';

const REFUSALS: readonly string[] = [
  ...Object.values(AccessCode),
  ...Object.values(PoliceAccessCode),
  ...Object.values(HealthAccessCode),
];

/** The decision a table cell stands for: a basis when allowed, a code with a message when not. */
function expected(cell: string): AccessDecision {
  return REFUSALS.includes(cell)
    ? ({ allowed: false, code: cell, message: expect.any(String) } as AccessDecision)
    : ({ allowed: true, basis: cell } as AccessDecision);
}

function principal(user: User, breakGlassReason: string | null = null): Principal {
  return {
    user,
    requestId: 'unit-test',
    purpose: null,
    breakGlassReason,
    breakGlassChildId: breakGlassReason ? 'C0000001' : null,
  };
}

/** No demo user belongs to this team, so for every one of them it is "another team". */
const ANOTHER_TEAM = 'MASH Central';
const REASON = 'Strategy discussion in an hour; need the history';

/**
 * The five relationships a user can have with a child, as the columns of the matrix: each the
 * basis socialcare finds (`holdsCase` compares the user's agency and registered team with the
 * case's socialcare team by id) and puts in the partners' relationship grant.
 */
const RELATIONSHIPS: Record<string, (user: User) => RelationshipBasis | null> = {
  'no relationship': () => null,
  'an open MASH contact': () => 'OPEN_CONTACT',
  "the case held by the user's team": (user) => (holdsCase(user, [user.team]) ? 'CASE_TEAM' : null),
  'the case held by another team': (user) => (holdsCase(user, [ANOTHER_TEAM]) ? 'CASE_TEAM' : null),
  'break-glass for this child': () => 'BREAK_GLASS',
};
const COLUMNS = Object.keys(RELATIONSHIPS);

// prettier-ignore
const CHILD_RECORD_POLICY: [user: string, owner: Agency, ...byRelationship: string[]][] = [
  // user                     owner         none     open   own team  other team  break glass
  // (the "own team" of a partner's user is a team of that agency: it never holds a socialcare case)
  ['sc-practitioner',         'SOCIALCARE', NO_REL,  OPEN,  CASE,     NO_REL,     GLASS],
  ['sc-practitioner',         'POLICE',     NO_REL,  OPEN,  CASE,     NO_REL,     GLASS],
  ['sc-practitioner',         'HEALTH',     NO_REL,  OPEN,  CASE,     NO_REL,     GLASS],
  ['sc-practitioner',         'EDUCATION',  NO_REL,  OPEN,  CASE,     NO_REL,     GLASS],
  ['sc-practitioner',         'PROBATION',  NO_REL,  OPEN,  CASE,     NO_REL,     GLASS],
  ['sc-practitioner-south',   'SOCIALCARE', NO_REL,  OPEN,  CASE,     NO_REL,     GLASS],
  ['sc-practitioner-south',   'POLICE',     NO_REL,  OPEN,  CASE,     NO_REL,     GLASS],
  ['sc-practitioner-south',   'HEALTH',     NO_REL,  OPEN,  CASE,     NO_REL,     GLASS],
  ['sc-practitioner-south',   'EDUCATION',  NO_REL,  OPEN,  CASE,     NO_REL,     GLASS],
  ['sc-practitioner-south',   'PROBATION',  NO_REL,  OPEN,  CASE,     NO_REL,     GLASS],
  ['sc-manager',              'SOCIALCARE', NO_REL,  OPEN,  CASE,     NO_REL,     GLASS],
  ['sc-manager',              'POLICE',     NO_REL,  OPEN,  CASE,     NO_REL,     GLASS],
  ['sc-manager',              'HEALTH',     NO_REL,  OPEN,  CASE,     NO_REL,     GLASS],
  ['sc-manager',              'EDUCATION',  NO_REL,  OPEN,  CASE,     NO_REL,     GLASS],
  ['sc-manager',              'PROBATION',  NO_REL,  OPEN,  CASE,     NO_REL,     GLASS],
  ['sc-social-worker',        'SOCIALCARE', NO_REL,  OPEN,  CASE,     NO_REL,     GLASS],
  ['sc-social-worker',        'POLICE',     ROLE,    ROLE,  ROLE,     ROLE,       ROLE],
  ['sc-social-worker',        'HEALTH',     ROLE,    ROLE,  ROLE,     ROLE,       ROLE],
  ['sc-social-worker',        'EDUCATION',  ROLE,    ROLE,  ROLE,     ROLE,       ROLE],
  ['sc-social-worker',        'PROBATION',  ROLE,    ROLE,  ROLE,     ROLE,       ROLE],
  ['police-mash',             'SOCIALCARE', NO_REL,  OPEN,  NO_REL,   NO_REL,     GLASS],
  ['police-mash',             'POLICE',     NO_REL,  OPEN,  NO_REL,   NO_REL,     GLASS],
  ['police-mash',             'HEALTH',     NO_REL,  OPEN,  NO_REL,   NO_REL,     GLASS],
  ['police-mash',             'EDUCATION',  NO_REL,  OPEN,  NO_REL,   NO_REL,     GLASS],
  ['police-mash',             'PROBATION',  NO_REL,  OPEN,  NO_REL,   NO_REL,     GLASS],
  ['police-officer',          'SOCIALCARE', ROLE,    ROLE,  ROLE,     ROLE,       ROLE],
  ['police-officer',          'POLICE',     NO_REL,  OPEN,  NO_REL,   NO_REL,     GLASS],
  ['police-officer',          'HEALTH',     ROLE,    ROLE,  ROLE,     ROLE,       ROLE],
  ['police-officer',          'EDUCATION',  ROLE,    ROLE,  ROLE,     ROLE,       ROLE],
  ['police-officer',          'PROBATION',  ROLE,    ROLE,  ROLE,     ROLE,       ROLE],
  ['health-mash',             'SOCIALCARE', NO_REL,  OPEN,  NO_REL,   NO_REL,     GLASS],
  ['health-mash',             'POLICE',     NO_REL,  OPEN,  NO_REL,   NO_REL,     GLASS],
  ['health-mash',             'HEALTH',     NO_REL,  OPEN,  NO_REL,   NO_REL,     GLASS],
  ['health-mash',             'EDUCATION',  NO_REL,  OPEN,  NO_REL,   NO_REL,     GLASS],
  ['health-mash',             'PROBATION',  NO_REL,  OPEN,  NO_REL,   NO_REL,     GLASS],
  ['health-visitor',          'SOCIALCARE', ROLE,    ROLE,  ROLE,     ROLE,       ROLE],
  ['health-visitor',          'POLICE',     ROLE,    ROLE,  ROLE,     ROLE,       ROLE],
  ['health-visitor',          'HEALTH',     NO_REL,  OPEN,  NO_REL,   NO_REL,     GLASS],
  ['health-visitor',          'EDUCATION',  ROLE,    ROLE,  ROLE,     ROLE,       ROLE],
  ['health-visitor',          'PROBATION',  ROLE,    ROLE,  ROLE,     ROLE,       ROLE],
  ['education-mash',          'SOCIALCARE', NO_REL,  OPEN,  NO_REL,   NO_REL,     GLASS],
  ['education-mash',          'POLICE',     NO_REL,  OPEN,  NO_REL,   NO_REL,     GLASS],
  ['education-mash',          'HEALTH',     NO_REL,  OPEN,  NO_REL,   NO_REL,     GLASS],
  ['education-mash',          'EDUCATION',  NO_REL,  OPEN,  NO_REL,   NO_REL,     GLASS],
  ['education-mash',          'PROBATION',  NO_REL,  OPEN,  NO_REL,   NO_REL,     GLASS],
  ['education-dsl',           'SOCIALCARE', ROLE,    ROLE,  ROLE,     ROLE,       ROLE],
  ['education-dsl',           'POLICE',     ROLE,    ROLE,  ROLE,     ROLE,       ROLE],
  ['education-dsl',           'HEALTH',     ROLE,    ROLE,  ROLE,     ROLE,       ROLE],
  ['education-dsl',           'EDUCATION',  NO_REL,  OPEN,  NO_REL,   NO_REL,     GLASS],
  ['education-dsl',           'PROBATION',  ROLE,    ROLE,  ROLE,     ROLE,       ROLE],
  ['probation-mash',          'SOCIALCARE', NO_REL,  OPEN,  NO_REL,   NO_REL,     GLASS],
  ['probation-mash',          'POLICE',     NO_REL,  OPEN,  NO_REL,   NO_REL,     GLASS],
  ['probation-mash',          'HEALTH',     NO_REL,  OPEN,  NO_REL,   NO_REL,     GLASS],
  ['probation-mash',          'EDUCATION',  NO_REL,  OPEN,  NO_REL,   NO_REL,     GLASS],
  ['probation-mash',          'PROBATION',  NO_REL,  OPEN,  NO_REL,   NO_REL,     GLASS],
  ['early-help',              'SOCIALCARE', ROLE,    ROLE,  ROLE,     ROLE,       ROLE],
  ['early-help',              'POLICE',     ROLE,    ROLE,  ROLE,     ROLE,       ROLE],
  ['early-help',              'HEALTH',     ROLE,    ROLE,  ROLE,     ROLE,       ROLE],
  ['early-help',              'EDUCATION',  ROLE,    ROLE,  ROLE,     ROLE,       ROLE],
  ['early-help',              'PROBATION',  ROLE,    ROLE,  ROLE,     ROLE,       ROLE],
  ['analyst',                 'SOCIALCARE', ROLE,    ROLE,  ROLE,     ROLE,       ROLE],
  ['analyst',                 'POLICE',     ROLE,    ROLE,  ROLE,     ROLE,       ROLE],
  ['analyst',                 'HEALTH',     ROLE,    ROLE,  ROLE,     ROLE,       ROLE],
  ['analyst',                 'EDUCATION',  ROLE,    ROLE,  ROLE,     ROLE,       ROLE],
  ['analyst',                 'PROBATION',  ROLE,    ROLE,  ROLE,     ROLE,       ROLE],
  ['admin',                   'SOCIALCARE', ROLE,    ROLE,  ROLE,     ROLE,       ROLE],
  ['admin',                   'POLICE',     ROLE,    ROLE,  ROLE,     ROLE,       ROLE],
  ['admin',                   'HEALTH',     ROLE,    ROLE,  ROLE,     ROLE,       ROLE],
  ['admin',                   'EDUCATION',  ROLE,    ROLE,  ROLE,     ROLE,       ROLE],
  ['admin',                   'PROBATION',  ROLE,    ROLE,  ROLE,     ROLE,       ROLE],
];

describe('decideChildRecord: who sees which agency’s records about a child', () => {
  it('has a row for every demo user and every owning agency', () => {
    const rows = CHILD_RECORD_POLICY.map(([user, owner]) => `${user} ${owner}`).sort();
    const all = Object.keys(DEMO_USERS)
      .flatMap((user) => AGENCIES.map((owner) => `${user} ${owner}`))
      .sort();
    expect(rows).toEqual(all);
  });

  const cases = CHILD_RECORD_POLICY.flatMap(([user, owner, ...cells]) =>
    cells.map((cell, i) => ({ user, owner, relationship: COLUMNS[i], cell })),
  );

  it.each(cases)(
    '$user reading $owner records with $relationship gets $cell',
    ({ user, owner, relationship, cell }) => {
      const demo = DEMO_USERS[user];
      expect(decideChildRecord(principal(demo), owner, RELATIONSHIPS[relationship](demo))).toEqual(
        expected(cell),
      );
    },
  );

  it('does not treat a user with no team as holding a case no team holds', () => {
    const teamless: User = { ...DEMO_USERS['sc-practitioner'], id: 'teamless', team: null };
    expect(holdsCase(teamless, [null])).toBe(false);
  });

  it("holds a case by the team's id, whichever way the contact names the team", () => {
    expect(holdsCase(DEMO_USERS['sc-practitioner'], ['mash-north'])).toBe(true);
    expect(holdsCase(DEMO_USERS['sc-practitioner'], ['MASH North'])).toBe(true);
    expect(holdsCase(DEMO_USERS['sc-practitioner'], ['mash north'])).toBe(false);
  });

  it("never lets another agency's team of the same name hold a socialcare case", () => {
    expect(DEMO_USERS['police-mash'].team).toBe(DEMO_USERS['sc-practitioner'].team);
    expect(holdsCase(DEMO_USERS['police-mash'], ['MASH North'])).toBe(false);
  });

  it('tells a user refused for want of a relationship how to break glass and that it is reviewed', () => {
    const decision = decideChildRecord(principal(DEMO_USERS['sc-practitioner']), 'HEALTH', null);
    expect(decision).toEqual({
      allowed: false,
      code: NO_REL,
      message: expect.stringMatching(
        /^HEALTH withholds this: .*X-Break-Glass-Child and X-Break-Glass-Reason.*manager/,
      ),
    });
  });

  it('tells a practitioner outside the MASH that the agency shares with the MASH only', () => {
    expect(
      decideChildRecord(principal(DEMO_USERS['education-dsl']), 'POLICE', 'OPEN_CONTACT'),
    ).toEqual({
      allowed: false,
      code: ROLE,
      message:
        'POLICE discloses its records about a child to the MASH, not to EDUCATION practitioners outside it',
    });
  });
});

// prettier-ignore
const IDENTIFICATION_POLICY: [role: Role, ...byAgency: string[]][] = [
  // role                   SOCIALCARE  POLICE  HEALTH  EDUCATION
  ['MASH_PRACTITIONER',     ID,         ID,     ID,     ID],
  ['MASH_MANAGER',          ID,         ID,     ID,     ID],
  ['AGENCY_PRACTITIONER',   ID,         ROLE,   ROLE,   ROLE],
  ['ANALYST',               ROLE,       ROLE,   ROLE,   ROLE],
  ['ADMIN',                 ROLE,       ROLE,   ROLE,   ROLE],
  ['EARLY_HELP_PRACTITIONER', ROLE,     ROLE,   ROLE,   ROLE],
];

describe('decideIdentification: who may look children up in the local authority’s index', () => {
  it('has a row for every role', () => {
    expect(IDENTIFICATION_POLICY.map(([role]) => role)).toEqual([...ROLES]);
  });

  const cases = IDENTIFICATION_POLICY.flatMap(([role, ...cells]) =>
    cells.map((cell, i) => ({ role, agency: AGENCIES[i], cell })),
  );

  it.each(cases)('a $role of $agency gets $cell', ({ role, agency, cell }) => {
    const user: User = { id: 'u', name: 'U', role, agency, team: 'MASH North' };
    expect(decideIdentification(principal(user))).toEqual(expected(cell));
  });

  it('does not let a break-glass reason open the index to a role that may not search it', () => {
    expect(decideIdentification(principal(DEMO_USERS['police-officer'], REASON))).toEqual(
      expected(ROLE),
    );
  });

  it('tells an analyst they see aggregates, not children', () => {
    expect(decideIdentification(principal(DEMO_USERS.analyst))).toEqual({
      allowed: false,
      code: ROLE,
      message: 'Analysts see aggregates and pseudonymised identifiers, not child-level records',
    });
  });
});

// prettier-ignore
const INTELLIGENCE_POLICY: [user: string, ...cells: string[]][] = [
  // user                   P     C, cleared for none   C, cleared for own agency   C, cleared for another agency
  ['sc-practitioner',       OWN,  HANDLING,             MET,                        HANDLING],
  ['sc-practitioner-south', OWN,  HANDLING,             MET,                        HANDLING],
  ['sc-manager',            OWN,  HANDLING,             MET,                        HANDLING],
  ['sc-social-worker',      OWN,  HANDLING,             MET,                        HANDLING],
  ['police-mash',           OWN,  OWN,                  OWN,                        OWN],
  ['police-officer',        OWN,  OWN,                  OWN,                        OWN],
  ['health-mash',           OWN,  HANDLING,             MET,                        HANDLING],
  ['health-visitor',        OWN,  HANDLING,             MET,                        HANDLING],
  ['education-mash',        OWN,  HANDLING,             MET,                        HANDLING],
  ['education-dsl',         OWN,  HANDLING,             MET,                        HANDLING],
  ['probation-mash',        OWN,  HANDLING,             MET,                        HANDLING],
  ['early-help',            OWN,  HANDLING,             MET,                        HANDLING],
  ['analyst',               OWN,  HANDLING,             MET,                        HANDLING],
  ['admin',                 OWN,  HANDLING,             MET,                        HANDLING],
];

/** The clearances of each column, for a user of `own` agency. */
const INTELLIGENCE_COLUMNS: {
  label: string;
  code: 'P' | 'C';
  cleared: (own: Agency) => Agency[];
}[] = [
  { label: 'a P item', code: 'P', cleared: () => [] },
  { label: 'a C item cleared for no agency', code: 'C', cleared: () => [] },
  { label: 'a C item cleared for their agency', code: 'C', cleared: (own) => [own] },
  {
    label: 'a C item cleared for another agency only',
    code: 'C',
    cleared: (own) => AGENCIES.filter((a) => a !== own && a !== 'POLICE').slice(0, 1),
  },
];

describe('decideIntelligence: who reads police intelligence content', () => {
  it('has a row for every demo user', () => {
    expect(INTELLIGENCE_POLICY.map(([user]) => user).sort()).toEqual(
      Object.keys(DEMO_USERS).sort(),
    );
  });

  const cases = INTELLIGENCE_POLICY.flatMap(([user, ...cells]) =>
    cells.map((cell, i) => ({ user, column: INTELLIGENCE_COLUMNS[i], cell })),
  );

  it.each(cases)('$user reading $column.label gets $cell', ({ user, column, cell }) => {
    const demo = DEMO_USERS[user];
    expect(decideIntelligence(principal(demo), column.code, column.cleared(demo.agency))).toEqual(
      expected(cell),
    );
  });

  it('tells a user refused a C item to ask the police MASH practitioner', () => {
    expect(decideIntelligence(principal(DEMO_USERS['health-mash']), 'C', ['SOCIALCARE'])).toEqual({
      allowed: false,
      code: HANDLING,
      message: expect.stringContaining('Ask the police MASH practitioner'),
    });
  });
});

describe('decideSensitiveHealth: who reads the detail of a sensitive health record', () => {
  // prettier-ignore
  const policy: [user: string, cell: string][] = [
    ['sc-practitioner',       SENSITIVE],
    ['sc-practitioner-south', SENSITIVE],
    ['sc-manager',            SENSITIVE],
    ['sc-social-worker',      SENSITIVE],
    ['police-mash',           SENSITIVE],
    ['police-officer',        SENSITIVE],
    ['health-mash',           OWN],
    ['health-visitor',        OWN],
    ['education-mash',        SENSITIVE],
    ['education-dsl',         SENSITIVE],
    ['probation-mash',        SENSITIVE],
    ['early-help',            SENSITIVE],
    ['analyst',               SENSITIVE],
    ['admin',                 SENSITIVE],
  ];

  it('has a row for every demo user', () => {
    expect(policy.map(([user]) => user).sort()).toEqual(Object.keys(DEMO_USERS).sort());
  });

  it.each(policy)('%s gets %s', (user, cell) => {
    expect(decideSensitiveHealth(principal(DEMO_USERS[user]))).toEqual(expected(cell));
  });

  it('does not let a break-glass reason open a sensitive record outside health', () => {
    expect(decideSensitiveHealth(principal(DEMO_USERS['sc-practitioner'], REASON))).toEqual(
      expected(SENSITIVE),
    );
  });

  it('gives the summary a non-health user reads as the refusal message', () => {
    expect(decideSensitiveHealth(principal(DEMO_USERS['education-mash']))).toEqual({
      allowed: false,
      code: SENSITIVE,
      message: SENSITIVE_HEALTH_SUMMARY,
    });
    expect(SENSITIVE_HEALTH_SUMMARY).toBe(
      'Health holds sensitive information; ask the health MASH practitioner',
    );
  });
});

describe('accessError', () => {
  it('carries the refusal’s message and code, and nothing else, to the client', () => {
    const error = accessError({ allowed: false, code: ROLE, message: 'Not for you' });
    expect({ message: error.message, extensions: error.extensions }).toEqual({
      message: 'Not for you',
      extensions: { code: ROLE },
    });
  });
});

describe('early help episodes: who sees and works which provider’s', () => {
  // Early Help North (eh-north) is the early help demo user's provider; eh-south another's. A
  // list without a provider filter asks for every provider's (null).
  // prettier-ignore
  const policy: [user: string, ...cells: string[]][] = [
    // user                   read eh-north  read eh-south  read all  work eh-north  work eh-south
    ['sc-practitioner',       OWN,           OWN,           OWN,      ROLE,          ROLE],
    ['sc-practitioner-south', OWN,           OWN,           OWN,      ROLE,          ROLE],
    ['sc-manager',            OWN,           OWN,           OWN,      OWN,           OWN],
    ['sc-social-worker',      ROLE,          ROLE,          ROLE,     ROLE,          ROLE],
    ['police-mash',           ROLE,          ROLE,          ROLE,     ROLE,          ROLE],
    ['police-officer',        ROLE,          ROLE,          ROLE,     ROLE,          ROLE],
    ['health-mash',           ROLE,          ROLE,          ROLE,     ROLE,          ROLE],
    ['health-visitor',        ROLE,          ROLE,          ROLE,     ROLE,          ROLE],
    ['education-mash',        ROLE,          ROLE,          ROLE,     ROLE,          ROLE],
    ['education-dsl',         ROLE,          ROLE,          ROLE,     ROLE,          ROLE],
    ['probation-mash',        ROLE,          ROLE,          ROLE,     ROLE,          ROLE],
    ['early-help',            CASE,          ROLE,          ROLE,     CASE,          ROLE],
    ['analyst',               ROLE,          ROLE,          ROLE,     ROLE,          ROLE],
    ['admin',                 ROLE,          ROLE,          ROLE,     ROLE,          ROLE],
  ];

  it('has a row for every demo user', () => {
    expect(policy.map(([user]) => user).sort()).toEqual(Object.keys(DEMO_USERS).sort());
  });

  it.each(policy)('%s gets %s %s %s %s %s', (user, ...cells) => {
    const p = principal(DEMO_USERS[user]);
    expect([
      decideReadEpisodes(p, 'eh-north'),
      decideReadEpisodes(p, 'eh-south'),
      decideReadEpisodes(p, null),
      decideWorkEpisode(p, 'eh-north'),
      decideWorkEpisode(p, 'eh-south'),
    ]).toEqual(cells.map(expected));
  });
});
