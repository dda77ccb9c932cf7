import {
  academicYearOf,
  combineByTerm,
  persistentlyAbsent,
  severelyAbsent,
  termStart,
} from '../../subgraphs/education/attendance';
import { localMidnight } from '../../shared/time';
import { educationEvents } from '../../subgraphs/education/chronology';
import type { EducationFacts, TermFact } from '../../subgraphs/education/facts';
import { summariseEducation } from '../../subgraphs/education/summary';

const TODAY = '2026-11-20';

/** A pupil with nothing recorded but what the test adds. */
function facts(extra: Partial<EducationFacts> = {}): EducationFacts {
  return {
    today: TODAY,
    enrolments: [],
    attendance: [],
    exclusions: [],
    senProvisions: [],
    homeEducation: [],
    missingEducation: [],
    freeMeals: [],
    ...extra,
  };
}

const PARK = {
  id: 'EN000002',
  pupilId: 'PU000001',
  schoolUrn: '100002',
  schoolName: 'Park School',
  startDate: '2024-09-04',
  endDate: null,
};
const ELM = {
  id: 'EN000001',
  pupilId: 'PU000001',
  schoolUrn: '100001',
  schoolName: 'Elm Primary',
  startDate: '2018-09-05',
  endDate: '2024-07-19',
};

function term(academicYear: string, t: string, attended: number, possible: number): TermFact {
  return {
    academicYear,
    term: t,
    possibleSessions: possible,
    attendedSessions: attended,
    authorisedAbsences: possible - attended,
    unauthorisedAbsences: 0,
    firstDay: termStart(academicYear, t),
  };
}

function suspension(id: string, startDate: string, sessions: number) {
  return {
    id,
    pupilId: 'PU000001',
    schoolUrn: '100002',
    schoolName: 'Park School',
    kind: 'SUSPENSION',
    startDate,
    sessions,
    reasonCode: 'PD',
  };
}

describe('persistent and severe absence', () => {
  it('counts exactly 90% attendance (10% of sessions missed) as persistent absence', () => {
    expect(persistentlyAbsent(180, 200)).toBe(true);
  });

  it('does not count 90.5% attendance as persistent absence', () => {
    expect(persistentlyAbsent(181, 200)).toBe(false);
  });

  it('counts 89.5% attendance as persistent absence', () => {
    expect(persistentlyAbsent(179, 200)).toBe(true);
  });

  it('never flags a term with no possible sessions', () => {
    expect([persistentlyAbsent(0, 0), severelyAbsent(0, 0)]).toEqual([false, false]);
  });

  it('counts exactly 50% attendance as severe absence, and 50.5% not', () => {
    expect([severelyAbsent(100, 200), severelyAbsent(101, 200)]).toEqual([true, false]);
  });
});

describe('school calendar', () => {
  it('puts 31 August in the year that ends and 1 September in the one that begins', () => {
    expect([academicYearOf('2026-08-31'), academicYearOf('2026-09-01')]).toEqual([
      '2025/26',
      '2026/27',
    ]);
  });

  it('writes the academic year that ends in 2000 with two digits', () => {
    expect(academicYearOf('2000-03-01')).toBe('1999/00');
  });

  it('adds up a term a pupil spent at two schools, most recent term first', () => {
    const at = (year: string, t: string, attended: number, possible: number) => ({
      academicYear: year,
      term: t,
      possibleSessions: possible,
      attendedSessions: attended,
      authorisedAbsences: 0,
      unauthorisedAbsences: possible - attended,
    });
    expect(
      combineByTerm([
        at('2025/26', 'AUTUMN', 18, 20),
        at('2024/25', 'SUMMER', 100, 110),
        at('2025/26', 'AUTUMN', 50, 60),
      ]),
    ).toEqual([at('2025/26', 'AUTUMN', 68, 80), at('2024/25', 'SUMMER', 100, 110)]);
  });
});

describe('summariseEducation', () => {
  it('says there is no record when the match is NONE', () => {
    expect(summariseEducation('NONE', null)).toBe('No record in the pupil index');
  });

  it('discloses nothing for a POSSIBLE match, even with facts at hand', () => {
    expect(summariseEducation('POSSIBLE', facts({ enrolments: [PARK] }))).toBe(
      'Possible match in the pupil index; confirm before disclosure',
    );
  });

  it('gives roll, attendance, suspensions, SEN and free meals in one line', () => {
    const line = summariseEducation(
      'CONFIRMED',
      facts({
        enrolments: [PARK, ELM],
        attendance: [term('2026/27', 'AUTUMN', 84, 100), term('2025/26', 'SUMMER', 120, 120)],
        exclusions: [
          suspension('EX000003', '2026-10-01', 2),
          suspension('EX000002', '2026-03-10', 4),
          suspension('EX000001', '2025-06-01', 6),
        ],
        senProvisions: [
          {
            pupilId: 'PU000001',
            provision: 'EHC_PLAN',
            primaryNeed: 'SEMH',
            startDate: '2025-01-10',
            endDate: null,
          },
          {
            pupilId: 'PU000001',
            provision: 'SEN_SUPPORT',
            primaryNeed: 'SLCN',
            startDate: '2022-01-10',
            endDate: '2025-01-09',
          },
        ],
        freeMeals: [{ pupilId: 'PU000001', startDate: '2023-04-01', endDate: null }],
      }),
    );
    expect(line).toBe(
      'On roll at Park School (since Sept 2024). Attendance 84% this year: persistently absent. ' +
        '2 suspensions in the last 12 months (6 sessions). EHC plan (SEMH). ' +
        'Eligible for free school meals.',
    );
  });

  it('says first that a child is electively home educated', () => {
    expect(
      summariseEducation(
        'PROBABLE',
        facts({
          enrolments: [{ ...PARK, endDate: '2025-12-12' }],
          attendance: [term('2025/26', 'AUTUMN', 150, 160)],
          homeEducation: [{ pupilId: 'PU000001', startDate: '2026-01-05', endDate: null }],
        }),
      ),
    ).toBe('Electively home educated since Jan 2026. Attendance 93.8% in 2025/26.');
  });

  it('says attendance this year was before leaving the roll for a child home educated since', () => {
    expect(
      summariseEducation(
        'CONFIRMED',
        facts({
          enrolments: [{ ...PARK, endDate: '2026-10-09' }],
          attendance: [term('2026/27', 'AUTUMN', 40, 50)],
          homeEducation: [{ pupilId: 'PU000001', startDate: '2026-10-12', endDate: null }],
        }),
      ),
    ).toBe(
      'Electively home educated since Oct 2026. ' +
        'Attendance 80% this year before leaving the roll: persistently absent.',
    );
  });

  it('says first that a child is missing education, with the reason', () => {
    expect(
      summariseEducation(
        'CONFIRMED',
        facts({
          enrolments: [{ ...PARK, endDate: '2026-10-02' }],
          missingEducation: [
            {
              id: 'CME00001',
              pupilId: 'PU000001',
              reportedOn: '2026-10-05',
              resolvedOn: null,
              reason: 'Removed from roll after 20 days unexplained absence',
            },
          ],
          freeMeals: [{ pupilId: 'PU000001', startDate: '2023-04-01', endDate: null }],
        }),
      ),
    ).toBe(
      'Missing education since 5 Oct 2026: Removed from roll after 20 days unexplained absence. ' +
        'Eligible for free school meals.',
    );
  });

  it('names the school a child not on any roll left last, and says nothing of a resolved CME', () => {
    expect(
      summariseEducation(
        'CONFIRMED',
        facts({
          enrolments: [{ ...PARK, endDate: '2026-07-17' }, ELM],
          missingEducation: [
            {
              id: 'CME00001',
              pupilId: 'PU000001',
              reportedOn: '2024-08-01',
              resolvedOn: '2024-09-04',
              reason: 'Not found at address',
            },
          ],
        }),
      ),
    ).toBe('Not on roll at any school (left Park School in July 2026).');
  });

  it('flags severe absence and a permanent exclusion', () => {
    expect(
      summariseEducation(
        'CONFIRMED',
        facts({
          enrolments: [PARK],
          attendance: [term('2026/27', 'AUTUMN', 40, 100)],
          exclusions: [{ ...suspension('EX000009', '2025-02-03', 6), kind: 'PERMANENT_EXCLUSION' }],
        }),
      ),
    ).toBe(
      'On roll at Park School (since Sept 2024). Attendance 40% this year: severely absent. ' +
        'Permanently excluded from Park School (Feb 2025).',
    );
  });

  it('says when a pupil on roll has no attendance recorded yet', () => {
    expect(summariseEducation('CONFIRMED', facts({ enrolments: [PARK] }))).toBe(
      'On roll at Park School (since Sept 2024). No attendance recorded.',
    );
  });
});

describe('educationEvents', () => {
  it('lists education events oldest first, each with its kind, severity and a safe summary', () => {
    const events = educationEvents(
      facts({
        enrolments: [PARK, ELM],
        attendance: [term('2026/27', 'AUTUMN', 95, 100), term('2025/26', 'SPRING', 80, 100)],
        exclusions: [suspension('EX000001', '2025-06-02', 2)],
        senProvisions: [
          {
            pupilId: 'PU000001',
            provision: 'SEN_SUPPORT',
            primaryNeed: 'SLCN',
            startDate: '2022-01-10',
            endDate: null,
          },
        ],
      }),
    );
    expect(events.map((e) => ({ ...e, at: e.at.toISOString() }))).toEqual([
      {
        at: '2018-09-04T23:00:00.000Z',
        agency: 'EDUCATION',
        kind: 'ENROLMENT_STARTED',
        summary: 'Joined the roll of Elm Primary',
        severity: 'LOW',
      },
      {
        at: '2022-01-10T00:00:00.000Z',
        agency: 'EDUCATION',
        kind: 'SEN_SUPPORT_STARTED',
        summary: 'SEN support began; primary need: Speech, language and communication needs',
        severity: 'LOW',
      },
      {
        at: '2024-07-18T23:00:00.000Z',
        agency: 'EDUCATION',
        kind: 'ENROLMENT_ENDED',
        summary: 'Left the roll of Elm Primary',
        severity: 'LOW',
      },
      {
        at: '2024-09-03T23:00:00.000Z',
        agency: 'EDUCATION',
        kind: 'ENROLMENT_STARTED',
        summary: 'Joined the roll of Park School',
        severity: 'LOW',
      },
      {
        at: '2025-06-01T23:00:00.000Z',
        agency: 'EDUCATION',
        kind: 'SUSPENSION',
        summary: 'Suspended from Park School for 2 sessions: Persistent disruptive behaviour',
        severity: 'MEDIUM',
      },
      {
        at: '2026-01-01T00:00:00.000Z',
        agency: 'EDUCATION',
        kind: 'PERSISTENT_ABSENCE',
        summary: 'Persistently absent in the spring term of 2025/26: attended 80% of sessions',
        severity: 'MEDIUM',
      },
    ]);
  });

  it('marks leaving the last school roll, home education and missing education', () => {
    const events = educationEvents(
      facts({
        enrolments: [{ ...PARK, endDate: '2026-02-13' }],
        homeEducation: [{ pupilId: 'PU000001', startDate: '2026-02-16', endDate: '2026-05-01' }],
        missingEducation: [
          {
            id: 'CME00001',
            pupilId: 'PU000001',
            reportedOn: '2026-05-11',
            resolvedOn: null,
            reason: 'Not found at address',
          },
        ],
      }),
    );
    expect(events.slice(1).map((e) => [e.kind, e.severity, e.summary])).toEqual([
      ['ENROLMENT_ENDED', 'MEDIUM', 'Left the roll of Park School; on no school roll since'],
      ['EHE_STARTED', 'MEDIUM', 'Elective home education began'],
      ['EHE_ENDED', 'LOW', 'Elective home education ended'],
      ['CME_REPORTED', 'HIGH', 'Reported missing education: Not found at address'],
    ]);
  });

  it('leaves out what has not happened yet, such as a leaving date entered in advance', () => {
    const events = educationEvents(facts({ enrolments: [{ ...PARK, endDate: '2026-12-18' }] }));
    expect(events.map((e) => e.kind)).toEqual(['ENROLMENT_STARTED']);
  });

  it('dates a persistent absence from a pupil who joined mid-term by their first day', () => {
    const [absence] = educationEvents(
      facts({
        attendance: [{ ...term('2026/27', 'AUTUMN', 30, 40), firstDay: '2026-10-12' }],
      }),
    );
    expect(absence.at.toISOString()).toBe('2026-10-11T23:00:00.000Z');
  });
});

describe('localMidnight', () => {
  it('is 23:00 UTC the day before in British Summer Time and 00:00 UTC in winter', () => {
    expect([localMidnight('2026-07-01'), localMidnight('2026-12-01')]).toEqual([
      new Date('2026-06-30T23:00:00Z'),
      new Date('2026-12-01T00:00:00Z'),
    ]);
  });

  it('handles the days the clocks change', () => {
    // 29 March 2026: clocks go forward at 01:00 UTC, so that midnight is still GMT.
    // 25 October 2026: clocks go back at 01:00 UTC, so that midnight is still BST.
    expect([localMidnight('2026-03-29'), localMidnight('2026-10-25')]).toEqual([
      new Date('2026-03-29T00:00:00Z'),
      new Date('2026-10-24T23:00:00Z'),
    ]);
  });
});
