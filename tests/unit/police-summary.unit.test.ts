import { ago } from '../../shared/partner/summary';
import { describePoliceRecord, type PoliceSummaryFacts } from '../../subgraphs/police/summary';

const now = new Date('2026-11-20T12:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 24 * 60 * 60 * 1000);

/** Facts with nothing recorded, to override one part at a time. */
const nothing: PoliceSummaryFacts = {
  domesticAbuse: [],
  missing: [],
  marac: [],
  courtOrders: [],
  arrests: [],
  otherOccurrences: [],
  intelligence: { shown: [], withheld: false },
};

describe('describePoliceRecord', () => {
  it('says a matched person has nothing recorded when every list is empty', () => {
    expect(describePoliceRecord(nothing, now)).toBe(
      'Known to police; no incidents, orders or intelligence recorded',
    );
  });

  it('reads like the MASH screen line: DA, missing with return interviews, intelligence', () => {
    const facts: PoliceSummaryFacts = {
      ...nothing,
      domesticAbuse: [
        { at: daysAgo(9), dashRisk: 'STANDARD' },
        { at: daysAgo(100), dashRisk: 'HIGH' },
        { at: daysAgo(300), dashRisk: 'MEDIUM' },
        { at: daysAgo(500), dashRisk: 'HIGH' },
      ],
      missing: [
        { startedAt: daysAgo(20), endedAt: daysAgo(19), returnInterviewDone: false },
        { startedAt: daysAgo(60), endedAt: daysAgo(59), returnInterviewDone: false },
      ],
      intelligence: { shown: [{ at: daysAgo(40) }, { at: daysAgo(70) }], withheld: false },
    };
    expect(describePoliceRecord(facts, now)).toBe(
      '3 DA incidents in 12 months, last 9 days ago, high risk; ' +
        'missing twice in 12 months, no return interview done; ' +
        '2 intelligence items, last 40 days ago',
    );
  });

  it('leads with a child who is missing now', () => {
    const facts: PoliceSummaryFacts = {
      ...nothing,
      missing: [
        { startedAt: daysAgo(2), endedAt: null, returnInterviewDone: false },
        { startedAt: daysAgo(30), endedAt: daysAgo(29), returnInterviewDone: true },
        { startedAt: daysAgo(90), endedAt: daysAgo(89), returnInterviewDone: false },
      ],
      otherOccurrences: [{ at: daysAgo(5) }],
    };
    expect(describePoliceRecord(facts, now)).toBe(
      'Missing now (reported 2 days ago); ' +
        'missing 3 times in 12 months, return interview not done for 1 of 2; ' +
        '1 other occurrence in 12 months, last 5 days ago',
    );
  });

  it('says when the only DA incidents and missing episodes are more than 12 months old', () => {
    const facts: PoliceSummaryFacts = {
      ...nothing,
      domesticAbuse: [{ at: daysAgo(400), dashRisk: 'HIGH' }],
      missing: [{ startedAt: daysAgo(800), endedAt: daysAgo(799), returnInterviewDone: true }],
    };
    expect(describePoliceRecord(facts, now)).toBe(
      '1 DA incident, none in 12 months (last 13 months ago); missing once, none in 12 months',
    );
  });

  it('names MARAC, orders in force by party and arrests, and leaves expired orders out', () => {
    const facts: PoliceSummaryFacts = {
      ...nothing,
      marac: [{ referredAt: daysAgo(15), conferenceDate: null }],
      courtOrders: [
        { kind: 'NON_MOLESTATION_ORDER', party: 'PROTECTED', inForce: true },
        { kind: 'OCCUPATION_ORDER', party: 'PROTECTED', inForce: true },
        { kind: 'RESTRAINING_ORDER', party: 'RESPONDENT', inForce: true },
        { kind: 'DOMESTIC_VIOLENCE_PROTECTION_ORDER', party: 'PROTECTED', inForce: false },
      ],
      arrests: [
        { at: daysAgo(45), offenceCategory: 'DOMESTIC_ABUSE', outcome: 'CHARGED' },
        { at: daysAgo(200), offenceCategory: 'DRUGS', outcome: 'CAUTIONED' },
      ],
    };
    expect(describePoliceRecord(facts, now)).toBe(
      'MARAC referral 15 days ago, not yet heard; ' +
        'protected by a non-molestation order and an occupation order; ' +
        'respondent to a restraining order; ' +
        'arrested twice in 12 months, last 45 days ago for domestic abuse (charged)',
    );
  });

  it('tells a heard MARAC from one whose conference is still to come', () => {
    const heard = describePoliceRecord(
      {
        ...nothing,
        marac: [
          { referredAt: daysAgo(90), conferenceDate: '2026-09-10' },
          { referredAt: daysAgo(10), conferenceDate: '2026-12-03' },
        ],
      },
      now,
    );
    const past = describePoliceRecord(
      { ...nothing, marac: [{ referredAt: daysAgo(90), conferenceDate: '2026-09-10' }] },
      now,
    );
    expect({ heard, past }).toEqual({
      heard: '2 MARAC referrals, last 10 days ago, conference 2026-12-03',
      past: 'MARAC referral 3 months ago, heard 2026-09-10',
    });
  });

  it('says only that intelligence is held when the reader may see none of it, with no count or date', () => {
    const facts: PoliceSummaryFacts = {
      ...nothing,
      otherOccurrences: [{ at: daysAgo(500) }, { at: daysAgo(600) }],
      intelligence: { shown: [], withheld: true },
    };
    expect(describePoliceRecord(facts, now)).toBe(
      '2 occurrences, none in 12 months; ' +
        'intelligence held under handling conditions (ask the police MASH practitioner)',
    );
  });

  it('says more intelligence is held beside the items the reader may see', () => {
    const facts: PoliceSummaryFacts = {
      ...nothing,
      intelligence: { shown: [{ at: daysAgo(3) }], withheld: true },
    };
    expect(describePoliceRecord(facts, now)).toBe(
      '1 intelligence item, last 3 days ago, ' +
        'more intelligence held under handling conditions (ask the police MASH practitioner)',
    );
  });

  it('says nothing of missing episodes for an adult, whose facts leave them undefined', () => {
    const facts: PoliceSummaryFacts = {
      ...nothing,
      missing: undefined,
      arrests: [{ at: daysAgo(900), offenceCategory: 'WEAPONS', outcome: 'CONVICTED' }],
    };
    expect(describePoliceRecord(facts, now)).toBe('Arrested once, none in 12 months');
  });
});

describe('ago', () => {
  it('reads days under 60, the nearest month under two years, then the nearest year', () => {
    expect([0.4, 1, 59, 60, 729, 730, 1100, -3].map((d) => ago(daysAgo(d), now))).toEqual([
      'today',
      '1 day ago',
      '59 days ago',
      '2 months ago',
      '24 months ago',
      '2 years ago',
      '3 years ago',
      'today',
    ]);
  });
});
