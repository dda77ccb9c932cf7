import { isValidUpn } from '../../shared/identifiers';
import { localDate } from '../../shared/time';
import type { TruthPerson, World } from '../../seed/world';
import { EXCLUSION_REASONS, PRIMARY_NEEDS } from '../../subgraphs/education/codes';
import { isCurrent } from '../../subgraphs/education/facts';
import { auditOf, bySubject } from '../support/audit';
import {
  dataStatements,
  startSubgraph,
  TEST_NOW,
  testWorld,
  type RunningSubgraph,
} from '../support/system';
import { childRepresentation, childrenUnknownToPartners, cleanChildren } from '../support/truth';
import type { RelationshipBasis } from '../../shared/access';

/** The services' local date in these tests. */
const TODAY = localDate(TEST_NOW);

const SECTION = `
  match { level }
  summary
  pupil { id upn upnValid formerUpns formerUpnChecks { upn valid } }
  currentSchool { urn }
  attendance { academicYear term possibleSessions attendedSessions persistentlyAbsent }
  exclusions { id kind school { urn name } startDate sessions reasonCode reason }
  senProvision { provision primaryNeedCode primaryNeed startDate endDate current }
  homeEducation { startDate endDate current }
  missingEducation { id reportedOn resolvedOn reason open }
  freeSchoolMeals { eligibleNow periods { startDate endDate } }
`;

const ENTITIES = `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Child {
        id
        education { ${SECTION} }
        educationEvents { at agency kind summary severity }
      }
    }
  }`;

interface Event {
  at: string;
  agency: string;
  kind: string;
  summary: string;
  severity: string;
}

interface Entity {
  id: string;
  education: Record<string, unknown> & { match: { level: string }; summary: string };
  educationEvents: Event[] | null;
}

type Response = Awaited<ReturnType<RunningSubgraph['query']>> & {
  data?: { _entities: Entity[] };
};

const base = testWorld();
const generated = base.education;

/** True when the generator gave the pupil none of the records this file adds. */
function untouched(pupilId: string): boolean {
  return (
    !generated.exclusions.some((r) => r.pupilId === pupilId) &&
    !generated.senProvisions.some((r) => r.pupilId === pupilId) &&
    !generated.homeEducation.some((r) => r.pupilId === pupilId) &&
    !generated.missingEducation.some((r) => r.pupilId === pupilId) &&
    !generated.freeMeals.some((r) => r.pupilId === pupilId)
  );
}

/** Clean children with a UPN in the local authority's record, on roll today, no added records. */
const candidates = cleanChildren(base, ['education']).filter((p) => {
  const child = base.socialcare.children.find((c) => c.id === p.socialcareId)!;
  return (
    child.upn !== null &&
    p.twinGroup === null &&
    untouched(p.educationId!) &&
    generated.enrolments.some((e) => e.pupilId === p.educationId && isCurrent(e, TODAY))
  );
});
/** Given every kind of record below. */
const rich = candidates[0];
/** Held twice by education (a duplicate pupil record), so never better than POSSIBLE. */
const duplicated = candidates[1];
/** Holds a UPN and a former UPN that fail their check, as a school keyed them. */
const mistyped = candidates[2];

const richSchool = generated.enrolments.find(
  (e) => e.pupilId === rich.educationId && e.endDate === null,
)!.schoolUrn;

/** The same UPN with its check letter changed: well formed, wrong check letter. */
function mistype(upn: string): string {
  const letter = upn[0] === 'A' ? 'B' : 'A';
  return `${letter}${upn.slice(1)}`;
}

const MISTYPED_UPN = mistype(generated.pupils.find((p) => p.id === mistyped.educationId)!.upn!);
const MISTYPED_FORMER_UPN = 'A801200005001';

/** The test world with education records added for the chosen children. */
function withRecords(world: World): World {
  const pupilId = rich.educationId!;
  const original = world.education.pupils.find((p) => p.id === duplicated.educationId)!;
  return {
    ...world,
    education: {
      ...world.education,
      pupils: [
        ...world.education.pupils.map((p) =>
          p.id === mistyped.educationId ? { ...p, upn: MISTYPED_UPN } : p,
        ),
        { ...original, id: 'PU900001', upn: null, upnUnknownReason: null },
      ],
      formerUpns: [
        ...world.education.formerUpns,
        { pupilId: mistyped.educationId!, upn: MISTYPED_FORMER_UPN },
      ],
      exclusions: [
        ...world.education.exclusions,
        {
          id: 'EX900001',
          pupilId,
          schoolUrn: richSchool,
          kind: 'SUSPENSION',
          startDate: '2026-03-10',
          sessions: 4,
          reasonCode: 'PA',
        },
        {
          id: 'EX900002',
          pupilId,
          schoolUrn: richSchool,
          kind: 'SUSPENSION',
          startDate: '2026-10-06',
          sessions: 2,
          reasonCode: 'LG',
        },
        {
          id: 'EX900003',
          pupilId: duplicated.educationId!,
          schoolUrn: richSchool,
          kind: 'PERMANENT_EXCLUSION',
          startDate: '2026-02-02',
          sessions: 0,
          reasonCode: 'OW',
        },
      ],
      senProvisions: [
        ...world.education.senProvisions,
        {
          pupilId,
          provision: 'SEN_SUPPORT',
          primaryNeed: 'SLCN',
          startDate: '2023-01-09',
          endDate: '2025-09-01',
        },
        {
          pupilId,
          provision: 'EHC_PLAN',
          primaryNeed: 'SEMH',
          startDate: '2025-09-02',
          endDate: null,
        },
      ],
      homeEducation: [
        ...world.education.homeEducation,
        { pupilId, startDate: '2022-01-10', endDate: '2022-06-30' },
      ],
      missingEducation: [
        ...world.education.missingEducation,
        {
          id: 'CME90001',
          pupilId,
          reportedOn: '2022-07-04',
          resolvedOn: '2022-09-05',
          reason: 'Not found at address after a move',
        },
      ],
      freeMeals: [
        ...world.education.freeMeals,
        { pupilId, startDate: '2024-04-01', endDate: '2025-03-31' },
        { pupilId, startDate: '2025-09-01', endDate: null },
      ],
    },
  };
}

const world = withRecords(base);

function representation(person: TruthPerson, relationship?: RelationshipBasis | null) {
  return childRepresentation(world, person.socialcareId!, 'education', relationship);
}

describe('education records on the child', () => {
  let education: RunningSubgraph;

  beforeAll(async () => {
    education = await startSubgraph('education', world);
  });
  afterAll(() => education.stop());

  const ask = async (representations: object[], as?: Parameters<RunningSubgraph['query']>[2]) =>
    (await education.query(ENTITIES, { representations }, as)) as Response;

  it('discloses exclusions, SEN provision, home education, missing education and free meals for a confirmed child', async () => {
    const res = await ask([representation(rich)]);
    const school = world.education.schools.find((s) => s.urn === richSchool)!;
    const { match, exclusions, senProvision, homeEducation, missingEducation, freeSchoolMeals } =
      res.data!._entities[0].education;
    expect({
      errors: res.errors,
      match,
      exclusions,
      senProvision,
      homeEducation,
      missingEducation,
      freeSchoolMeals,
    }).toEqual({
      errors: undefined,
      match: { level: 'CONFIRMED' },
      exclusions: [
        {
          id: 'EX900002',
          kind: 'SUSPENSION',
          school: { urn: school.urn, name: school.name },
          startDate: '2026-10-06',
          sessions: 2,
          reasonCode: 'LG',
          reason: 'Abuse against sexual orientation and gender identity',
        },
        {
          id: 'EX900001',
          kind: 'SUSPENSION',
          school: { urn: school.urn, name: school.name },
          startDate: '2026-03-10',
          sessions: 4,
          reasonCode: 'PA',
          reason: 'Physical assault against an adult',
        },
      ],
      senProvision: [
        {
          provision: 'EHC_PLAN',
          primaryNeedCode: 'SEMH',
          primaryNeed: 'Social, emotional and mental health',
          startDate: '2025-09-02',
          endDate: null,
          current: true,
        },
        {
          provision: 'SEN_SUPPORT',
          primaryNeedCode: 'SLCN',
          primaryNeed: 'Speech, language and communication needs',
          startDate: '2023-01-09',
          endDate: '2025-09-01',
          current: false,
        },
      ],
      homeEducation: [{ startDate: '2022-01-10', endDate: '2022-06-30', current: false }],
      missingEducation: [
        {
          id: 'CME90001',
          reportedOn: '2022-07-04',
          resolvedOn: '2022-09-05',
          reason: 'Not found at address after a move',
          open: false,
        },
      ],
      freeSchoolMeals: {
        eligibleNow: true,
        periods: [
          { startDate: '2025-09-01', endDate: null },
          { startDate: '2024-04-01', endDate: '2025-03-31' },
        ],
      },
    });
  });

  it('names the school on roll, this year’s attendance and the records in the summary', async () => {
    const res = await ask([representation(rich)]);
    const school = world.education.schools.find((s) => s.urn === richSchool)!;
    const { summary, currentSchool } = res.data!._entities[0].education;
    expect({ summary, currentSchool }).toEqual({
      summary: expect.stringMatching(
        new RegExp(
          `^On roll at ${school.name} \\(since [A-Z][a-z]+ \\d{4}\\)\\. ` +
            'Attendance [\\d.]+% (this year|in \\d{4}/\\d{2})(: persistently absent|: severely absent)?\\. ' +
            '2 suspensions in the last 12 months \\(6 sessions\\)\\. EHC plan \\(SEMH\\)\\. ' +
            'Eligible for free school meals\\.$',
        ),
      ),
      currentSchool: { urn: richSchool },
    });
  });

  it('adds up each term across schools and flags persistent absence at 10% of sessions missed', async () => {
    const res = await ask([representation(rich)]);
    const enrolments = world.education.enrolments.filter((e) => e.pupilId === rich.educationId);
    const expected = new Map<string, { possible: number; attended: number }>();
    for (const a of world.education.attendance) {
      if (!enrolments.some((e) => e.id === a.enrolmentId)) continue;
      const key = `${a.academicYear} ${a.term}`;
      const sum = expected.get(key) ?? { possible: 0, attended: 0 };
      sum.possible += a.possibleSessions;
      sum.attended += a.attendedSessions;
      expected.set(key, sum);
    }
    const terms = res.data!._entities[0].education.attendance as {
      academicYear: string;
      term: string;
      possibleSessions: number;
      attendedSessions: number;
      persistentlyAbsent: boolean;
    }[];
    expect(new Set(terms.map((t) => `${t.academicYear} ${t.term}`))).toEqual(
      new Set(expected.keys()),
    );
    expect(terms).toEqual(
      terms.map((t) => {
        const sum = expected.get(`${t.academicYear} ${t.term}`)!;
        return {
          academicYear: t.academicYear,
          term: t.term,
          possibleSessions: sum.possible,
          attendedSessions: sum.attended,
          persistentlyAbsent: sum.attended * 10 <= sum.possible * 9,
        };
      }),
    );
  });

  it('lists the child’s education events oldest first, including each added record', async () => {
    const res = await ask([representation(rich)]);
    const events = res.data!._entities[0].educationEvents!;
    const ats = events.map((e) => e.at);
    const added = new Set([
      'SUSPENSION',
      'SEN_SUPPORT_STARTED',
      'EHC_PLAN_STARTED',
      'EHE_STARTED',
      'EHE_ENDED',
      'CME_REPORTED',
      'CME_RESOLVED',
    ]);
    const event = (at: string, kind: string, summary: string, severity: string) => ({
      at,
      agency: 'EDUCATION',
      kind,
      summary,
      severity,
    });
    const school = world.education.schools.find((s) => s.urn === richSchool)!.name;
    expect({
      ordered: ats.every((at, i) => i === 0 || ats[i - 1] <= at),
      roll: events.some((e) => e.kind === 'ENROLMENT_STARTED'),
      added: events.filter((e) => added.has(e.kind)),
    }).toEqual({
      ordered: true,
      roll: true,
      added: [
        event('2022-01-10T00:00:00.000Z', 'EHE_STARTED', 'Elective home education began', 'MEDIUM'),
        event('2022-06-29T23:00:00.000Z', 'EHE_ENDED', 'Elective home education ended', 'LOW'),
        event(
          '2022-07-03T23:00:00.000Z',
          'CME_REPORTED',
          'Reported missing education: Not found at address after a move',
          'HIGH',
        ),
        event('2022-09-04T23:00:00.000Z', 'CME_RESOLVED', 'No longer missing education', 'LOW'),
        event(
          '2023-01-09T00:00:00.000Z',
          'SEN_SUPPORT_STARTED',
          'SEN support began; primary need: Speech, language and communication needs',
          'LOW',
        ),
        event(
          '2025-09-01T23:00:00.000Z',
          'EHC_PLAN_STARTED',
          'EHC plan began; primary need: Social, emotional and mental health',
          'MEDIUM',
        ),
        event(
          '2026-03-10T00:00:00.000Z',
          'SUSPENSION',
          `Suspended from ${school} for 4 sessions: Physical assault against an adult`,
          'MEDIUM',
        ),
        event(
          '2026-10-05T23:00:00.000Z',
          'SUSPENSION',
          `Suspended from ${school} for 2 sessions: Abuse against sexual orientation and gender identity`,
          'MEDIUM',
        ),
      ],
    });
  });

  it('discloses nothing but the match for a POSSIBLE match, though education holds records', async () => {
    const res = await ask([{ ...representation(duplicated), upn: null }]);
    expect({ errors: res.errors, entity: res.data!._entities[0] }).toEqual({
      errors: undefined,
      entity: {
        id: duplicated.socialcareId,
        education: {
          match: { level: 'POSSIBLE' },
          summary: 'Possible match in the pupil index; confirm before disclosure',
          pupil: null,
          currentSchool: null,
          attendance: [],
          exclusions: [],
          senProvision: [],
          homeEducation: [],
          missingEducation: [],
          freeSchoolMeals: null,
        },
        educationEvents: [],
      },
    });
  });

  it('answers NONE with empty records for a child education does not hold', async () => {
    const [person] = childrenUnknownToPartners(world);
    const res = await ask([representation(person)]);
    expect({ errors: res.errors, entity: res.data!._entities[0] }).toEqual({
      errors: undefined,
      entity: {
        id: person.socialcareId,
        education: {
          match: { level: 'NONE' },
          summary: 'No record in the pupil index',
          pupil: null,
          currentSchool: null,
          attendance: [],
          exclusions: [],
          senProvision: [],
          homeEducation: [],
          missingEducation: [],
          freeSchoolMeals: null,
        },
        educationEvents: [],
      },
    });
  });

  it('refuses the section and the events without a relationship (FORBIDDEN_NO_RELATIONSHIP), and records both refusals', async () => {
    const requestId = `edu-denied-${Date.now()}`;
    const res = await ask([representation(rich, null)], {
      requestId,
    });
    const audit = (
      await auditOf(education, requestId, ['subject', 'childId', 'outcome', 'reason'])
    ).sort(bySubject);
    expect({
      entity: res.data!._entities[0],
      errors: res
        .errors!.map((e) => [e.path, e.extensions!.code])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      audit,
    }).toEqual({
      entity: { id: rich.socialcareId, education: null, educationEvents: null },
      errors: [
        [['_entities', 0, 'education'], 'FORBIDDEN_NO_RELATIONSHIP'],
        [['_entities', 0, 'educationEvents'], 'FORBIDDEN_NO_RELATIONSHIP'],
      ],
      audit: [
        {
          subject: 'EducationEvents',
          childId: rich.socialcareId,
          outcome: 'DENIED',
          reason: 'FORBIDDEN_NO_RELATIONSHIP',
        },
        {
          subject: 'EducationSection',
          childId: rich.socialcareId,
          outcome: 'DENIED',
          reason: 'FORBIDDEN_NO_RELATIONSHIP',
        },
      ],
    });
  });

  it('reports a UPN and a former UPN that fail their check, and still finds the pupil', async () => {
    const res = await ask([{ ...representation(mistyped), upn: null }]);
    const { match } = res.data!._entities[0].education;
    const pupil = res.data!._entities[0].education.pupil as {
      upn: string;
      upnValid: boolean;
      formerUpnChecks: unknown[];
    };
    expect({
      errors: res.errors,
      match,
      upn: pupil.upn,
      upnValid: pupil.upnValid,
      formerUpnChecks: pupil.formerUpnChecks,
    }).toEqual({
      errors: undefined,
      match: { level: 'PROBABLE' },
      upn: MISTYPED_UPN,
      upnValid: false,
      formerUpnChecks: [{ upn: MISTYPED_FORMER_UPN, valid: false }],
    });
  });

  it('confirms a child by a UPN that fails its check when the pupil index holds it as keyed', async () => {
    const res = await ask([{ ...representation(mistyped), upn: MISTYPED_UPN }]);
    expect({
      errors: res.errors,
      match: res.data!._entities[0].education.match,
      valid: isValidUpn(MISTYPED_UPN),
    }).toEqual({ errors: undefined, match: { level: 'CONFIRMED' }, valid: false });
  });

  it('answers 50 children with every record and their events in the same SQL statements as one', async () => {
    const others = world.socialcare.children.filter(
      (c) => c.dateOfBirth && c.id !== rich.socialcareId,
    );
    const ids = [rich.socialcareId!, ...others.map((c) => c.id)];
    const count = async (n: number) => {
      education.statements.reset();
      const res = await education.query(ENTITIES, {
        representations: ids.slice(0, n).map((id) => childRepresentation(world, id, 'education')),
      });
      expect(res.errors).toBeUndefined();
      return dataStatements(education.statements);
    };
    const one = await count(1);
    const fifty = await count(50);
    expect({ fifty, positive: one > 0 }).toEqual({ fifty: one, positive: true });
  });
});

describe('education records as the generator made them', () => {
  let education: RunningSubgraph;

  beforeAll(async () => {
    education = await startSubgraph('education', base);
  });
  afterAll(() => education.stop());

  /** A clean child the generator gave the most kinds of education record. */
  const kinds = (pupilId: string) =>
    [
      generated.exclusions.some((r) => r.pupilId === pupilId),
      generated.senProvisions.some((r) => r.pupilId === pupilId),
      generated.homeEducation.some((r) => r.pupilId === pupilId),
      generated.missingEducation.some((r) => r.pupilId === pupilId),
      generated.freeMeals.some((r) => r.pupilId === pupilId),
    ].filter(Boolean).length;

  it('returns, for a child the generator gave education records, exactly those records', async () => {
    const person = cleanChildren(base, ['education'])
      .filter((p) => p.twinGroup === null && kinds(p.educationId!) > 0)
      .sort((a, b) => kinds(b.educationId!) - kinds(a.educationId!))[0];
    // Fails if the generator (seed/world) leaves the education arrays of the world empty.
    expect(person).toBeDefined();
    const pupilId = person.educationId!;
    const res = (await education.query(ENTITIES, {
      representations: [childRepresentation(base, person.socialcareId!, 'education')],
    })) as Response;
    const newestFirst = (a: string, b: string) => (a < b ? 1 : a > b ? -1 : 0);
    const section = res.data!._entities[0].education;
    expect({
      errors: res.errors,
      exclusions: (section.exclusions as { id: string }[]).map((x) => x.id),
      senProvision: (section.senProvision as { startDate: string; current: boolean }[]).map((s) => [
        s.startDate,
        s.current,
      ]),
      homeEducation: (section.homeEducation as { startDate: string }[]).map((h) => h.startDate),
      missingEducation: (section.missingEducation as { id: string }[]).map((m) => m.id),
      freeMeals: (section.freeSchoolMeals as { periods: { startDate: string }[] }).periods.map(
        (f) => f.startDate,
      ),
    }).toEqual({
      errors: undefined,
      exclusions: generated.exclusions
        .filter((x) => x.pupilId === pupilId)
        .sort((a, b) => newestFirst(a.startDate, b.startDate) || newestFirst(a.id, b.id))
        .map((x) => x.id),
      senProvision: generated.senProvisions
        .filter((s) => s.pupilId === pupilId)
        .sort(
          (a, b) =>
            Number(isCurrent(b, TODAY)) - Number(isCurrent(a, TODAY)) ||
            newestFirst(a.startDate, b.startDate),
        )
        .map((s) => [s.startDate, isCurrent(s, TODAY)]),
      homeEducation: generated.homeEducation
        .filter((h) => h.pupilId === pupilId)
        .map((h) => h.startDate)
        .sort(newestFirst),
      missingEducation: generated.missingEducation
        .filter((m) => m.pupilId === pupilId)
        .sort((a, b) => newestFirst(a.reportedOn, b.reportedOn) || newestFirst(a.id, b.id))
        .map((m) => m.id),
      freeMeals: generated.freeMeals
        .filter((f) => f.pupilId === pupilId)
        .map((f) => f.startDate)
        .sort(newestFirst),
    });
  });

  it('stores every generated record the world holds', async () => {
    const counts = await education.database.dataSource.query(
      `SELECT (SELECT count(*) FROM exclusions)::int AS exclusions,
              (SELECT count(*) FROM sen_provisions)::int AS "senProvisions",
              (SELECT count(*) FROM home_education)::int AS "homeEducation",
              (SELECT count(*) FROM missing_education)::int AS "missingEducation",
              (SELECT count(*) FROM free_meals)::int AS "freeMeals"`,
    );
    expect(counts).toEqual([
      {
        exclusions: generated.exclusions.length,
        senProvisions: generated.senProvisions.length,
        homeEducation: generated.homeEducation.length,
        missingEducation: generated.missingEducation.length,
        freeMeals: generated.freeMeals.length,
      },
    ]);
  });

  it('accepts every DfE code the subgraph describes and refuses any other', async () => {
    const { dataSource } = education.database;
    const pupil = base.education.pupils[0].id;
    const school = base.education.schools[0].urn;
    const attempt = async (sql: string, params: unknown[]) => {
      const runner = dataSource.createQueryRunner();
      await runner.startTransaction();
      try {
        await runner.query(sql, params);
        return 'accepted';
      } catch {
        return 'refused';
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
    };
    const exclusion = (code: string) =>
      attempt(
        `INSERT INTO exclusions (id, pupil_id, school_urn, kind, start_date, sessions, reason_code)
         VALUES ('EX-CHECK', $1, $2, 'SUSPENSION', '2026-01-05', 1, $3)`,
        [pupil, school, code],
      );
    const need = (code: string) =>
      attempt(
        `INSERT INTO sen_provisions (pupil_id, provision, start_date, primary_need)
         VALUES ($1, 'SEN_SUPPORT', '2026-01-05', $2)`,
        [pupil, code],
      );
    const results: Record<string, string> = {};
    for (const code of Object.keys(EXCLUSION_REASONS))
      results[`reason ${code}`] = await exclusion(code);
    for (const code of Object.keys(PRIMARY_NEEDS)) results[`need ${code}`] = await need(code);
    results['reason XX'] = await exclusion('XX');
    results['need XX'] = await need('XX');
    expect(results).toEqual({
      ...Object.fromEntries(Object.keys(EXCLUSION_REASONS).map((c) => [`reason ${c}`, 'accepted'])),
      ...Object.fromEntries(Object.keys(PRIMARY_NEEDS).map((c) => [`need ${c}`, 'accepted'])),
      'reason XX': 'refused',
      'need XX': 'refused',
    });
  });
});
