import {
  DEFAULT_RAG_TARGETS,
  clockAt,
  decisionDue24Hours,
  decisionDueOneWorkingDay,
  parseRagTargets,
  partnerCheckDue,
  ragResponseDue,
  referralDue,
  type RagTargets,
} from '../../subgraphs/socialcare/clocks';
import { CalendarRangeError } from '../../shared/working-days';

const at = (iso: string) => new Date(iso);
const iso = (d: Date | null) => (d === null ? null : d.toISOString());

describe('decisionDueOneWorkingDay', () => {
  it('gives a Friday 23:30 receipt until the end of Monday, Tuesday 00:00', () => {
    // Fri 9 Jan 2026 23:30 GMT -> first working day after Friday is Mon 12 -> due Tue 13 00:00 GMT.
    expect(iso(decisionDueOneWorkingDay(at('2026-01-09T23:30:00Z')))).toBe(
      '2026-01-13T00:00:00.000Z',
    );
  });

  it('gives a Friday 23:30 BST receipt until Tuesday 00:00 BST, 23:00 UTC on Monday', () => {
    // Fri 12 Jun 2026 23:30 BST = 22:30Z -> Mon 15 -> due Tue 16 00:00 BST = Mon 15 23:00Z.
    expect(iso(decisionDueOneWorkingDay(at('2026-06-12T22:30:00Z')))).toBe(
      '2026-06-15T23:00:00.000Z',
    );
  });

  it('takes the date of receipt in London, not in UTC', () => {
    // Thu 11 Jun 2026 23:30Z is Fri 12 Jun 00:30 BST: a Friday receipt -> Mon 15 -> Tue 16 00:00
    // BST. Taken in UTC it would be a Thursday receipt, due at the end of Friday.
    expect(iso(decisionDueOneWorkingDay(at('2026-06-11T23:30:00Z')))).toBe(
      '2026-06-15T23:00:00.000Z',
    );
  });

  it('skips a bank-holiday Monday: Friday 22 May 2026 is due Wednesday 27 May 00:00 BST', () => {
    // Fri 22 May 10:00 BST = 09:00Z; Mon 25 May is the spring bank holiday, so the first working
    // day after Friday is Tue 26 -> due Wed 27 00:00 BST = Tue 26 23:00Z.
    expect(iso(decisionDueOneWorkingDay(at('2026-05-22T09:00:00Z')))).toBe(
      '2026-05-26T23:00:00.000Z',
    );
  });

  it('skips Easter: Maundy Thursday 2 April 2026 is due Wednesday 8 April 00:00 BST', () => {
    // Thu 2 Apr 14:00 BST = 13:00Z; Fri 3 Good Friday, weekend, Mon 6 Easter Monday -> Tue 7 ->
    // due Wed 8 00:00 BST = Tue 7 23:00Z.
    expect(iso(decisionDueOneWorkingDay(at('2026-04-02T13:00:00Z')))).toBe(
      '2026-04-07T23:00:00.000Z',
    );
  });

  it('skips Christmas: Christmas Eve 2026 is due Wednesday 30 December 00:00 GMT', () => {
    // Thu 24 Dec 12:00 GMT; Fri 25 Christmas, weekend, Mon 28 Boxing Day substitute -> Tue 29 ->
    // due Wed 30 00:00 GMT.
    expect(iso(decisionDueOneWorkingDay(at('2026-12-24T12:00:00Z')))).toBe(
      '2026-12-30T00:00:00.000Z',
    );
  });

  it('gives a Saturday receipt until the end of Monday', () => {
    // Sat 10 Jan 2026 12:00 GMT -> Mon 12 -> due Tue 13 00:00 GMT.
    expect(iso(decisionDueOneWorkingDay(at('2026-01-10T12:00:00Z')))).toBe(
      '2026-01-13T00:00:00.000Z',
    );
  });

  it('gives a Sunday 23:59:59 receipt until the end of Monday', () => {
    // Sun 11 Jan 2026 23:59:59 GMT is still Sunday -> Mon 12 -> due Tue 13 00:00 GMT.
    expect(iso(decisionDueOneWorkingDay(at('2026-01-11T23:59:59Z')))).toBe(
      '2026-01-13T00:00:00.000Z',
    );
  });

  it('gives a Monday 00:00:00 receipt until the end of Tuesday, Wednesday 00:00', () => {
    // Mon 12 Jan 2026 00:00 GMT -> first working day after Monday is Tue 13 -> due Wed 14 00:00.
    expect(iso(decisionDueOneWorkingDay(at('2026-01-12T00:00:00Z')))).toBe(
      '2026-01-14T00:00:00.000Z',
    );
  });

  it('gives a Monday 00:00:00 BST receipt, still Sunday in UTC, until Wednesday 00:00 BST', () => {
    // Mon 15 Jun 2026 00:00 BST = Sun 14 23:00Z -> Tue 16 -> due Wed 17 00:00 BST = Tue 16 23:00Z.
    expect(iso(decisionDueOneWorkingDay(at('2026-06-14T23:00:00Z')))).toBe(
      '2026-06-16T23:00:00.000Z',
    );
  });

  it('handles a receipt on the spring-forward Sunday, 29 March 2026', () => {
    // 01:30Z is 02:30 BST (clocks went forward at 01:00Z), local date Sun 29 Mar -> Mon 30 ->
    // due Tue 31 00:00 BST = Mon 30 23:00Z.
    expect(iso(decisionDueOneWorkingDay(at('2026-03-29T01:30:00Z')))).toBe(
      '2026-03-30T23:00:00.000Z',
    );
  });

  it('handles a receipt on the fall-back Sunday, 25 October 2026', () => {
    // 01:30Z is 01:30 GMT (clocks went back at 01:00Z), local date Sun 25 Oct -> Mon 26 ->
    // due Tue 27 00:00 GMT.
    expect(iso(decisionDueOneWorkingDay(at('2026-10-25T01:30:00Z')))).toBe(
      '2026-10-27T00:00:00.000Z',
    );
  });

  it('gives a Friday GMT receipt before the spring-forward weekend a due instant in BST', () => {
    // Fri 27 Mar 2026 12:00 GMT -> Mon 30 -> due Tue 31 00:00 BST = Mon 30 23:00Z.
    expect(iso(decisionDueOneWorkingDay(at('2026-03-27T12:00:00Z')))).toBe(
      '2026-03-30T23:00:00.000Z',
    );
  });

  it('throws CalendarRangeError when the deadline falls in a year with no bank-holiday data', () => {
    // Fri 29 Dec 2028: the next working day would be in 2029.
    expect(() => decisionDueOneWorkingDay(at('2028-12-29T12:00:00Z'))).toThrow(CalendarRangeError);
  });

  it('refuses an invalid Date', () => {
    expect(() => decisionDueOneWorkingDay(at('not a date'))).toThrow(
      new RangeError('receivedAt is not a valid instant'),
    );
  });
});

describe('decisionDue24Hours', () => {
  it('is 24 hours after receipt', () => {
    expect(iso(decisionDue24Hours(at('2026-01-14T09:15:00Z')))).toBe('2026-01-15T09:15:00.000Z');
  });

  it('is 86,400,000 ms later across the spring clock change (13:00 BST on the wall clock)', () => {
    // Sat 28 Mar 2026 12:00 GMT + 24 real hours = Sun 29 Mar 12:00Z = 13:00 BST.
    const received = at('2026-03-28T12:00:00Z');
    const due = decisionDue24Hours(received);
    expect({ due: iso(due), ms: due.getTime() - received.getTime() }).toEqual({
      due: '2026-03-29T12:00:00.000Z',
      ms: 86_400_000,
    });
  });

  it('is 86,400,000 ms later across the autumn clock change (11:00 GMT on the wall clock)', () => {
    // Sat 24 Oct 2026 12:00 BST = 11:00Z + 24 real hours = Sun 25 Oct 11:00Z = 11:00 GMT.
    const received = at('2026-10-24T11:00:00Z');
    const due = decisionDue24Hours(received);
    expect({ due: iso(due), ms: due.getTime() - received.getTime() }).toEqual({
      due: '2026-10-25T11:00:00.000Z',
      ms: 86_400_000,
    });
  });
});

describe('ragResponseDue', () => {
  const ratedSince = at('2026-03-02T09:00:00Z');

  it('adds the default hours: RED 4, AMBER 24, GREEN 72', () => {
    // 09:00Z + 4 h = 13:00Z; + 24 h = 3 Mar 09:00Z; + 72 h = 5 Mar 09:00Z.
    expect({
      RED: iso(ragResponseDue(ratedSince, 'RED', DEFAULT_RAG_TARGETS)),
      AMBER: iso(ragResponseDue(ratedSince, 'AMBER', DEFAULT_RAG_TARGETS)),
      GREEN: iso(ragResponseDue(ratedSince, 'GREEN', DEFAULT_RAG_TARGETS)),
    }).toEqual({
      RED: '2026-03-02T13:00:00.000Z',
      AMBER: '2026-03-03T09:00:00.000Z',
      GREEN: '2026-03-05T09:00:00.000Z',
    });
  });

  it('has no due instant for BLUE by default', () => {
    expect(ragResponseDue(ratedSince, 'BLUE', DEFAULT_RAG_TARGETS)).toBeNull();
  });

  it("uses an authority's own targets, fractional hours and a BLUE target included", () => {
    const targets: RagTargets = { RED: 0.5, AMBER: 8, GREEN: 48, BLUE: 168 };
    // 09:00Z + 30 min = 09:30Z; + 168 h (7 days) = 9 Mar 09:00Z.
    expect([
      iso(ragResponseDue(ratedSince, 'RED', targets)),
      iso(ragResponseDue(ratedSince, 'BLUE', targets)),
    ]).toEqual(['2026-03-02T09:30:00.000Z', '2026-03-09T09:00:00.000Z']);
  });

  it('counts elapsed hours across a clock change', () => {
    // AMBER from Sat 28 Mar 2026 12:00Z: 24 real hours later is Sun 29 Mar 12:00Z (13:00 BST).
    expect(iso(ragResponseDue(at('2026-03-28T12:00:00Z'), 'AMBER', DEFAULT_RAG_TARGETS))).toBe(
      '2026-03-29T12:00:00.000Z',
    );
  });
});

describe('partnerCheckDue', () => {
  it('runs from the request when the check is requested after the rating', () => {
    // Rated AMBER 09:00Z, requested 10:30Z: 10:30Z + 24 h.
    expect(
      iso(
        partnerCheckDue(
          at('2026-03-02T10:30:00Z'),
          at('2026-03-02T09:00:00Z'),
          'AMBER',
          DEFAULT_RAG_TARGETS,
        ),
      ),
    ).toBe('2026-03-03T10:30:00.000Z');
  });

  it('runs from the new rating when the contact is re-rated after the request', () => {
    // Requested 09:00Z, re-rated RED 11:00Z: 11:00Z + 4 h = 15:00Z.
    expect(
      iso(
        partnerCheckDue(
          at('2026-03-02T09:00:00Z'),
          at('2026-03-02T11:00:00Z'),
          'RED',
          DEFAULT_RAG_TARGETS,
        ),
      ),
    ).toBe('2026-03-02T15:00:00.000Z');
  });

  it('has no due instant when the rating has no target', () => {
    expect(
      partnerCheckDue(
        at('2026-03-02T09:00:00Z'),
        at('2026-03-02T11:00:00Z'),
        'BLUE',
        DEFAULT_RAG_TARGETS,
      ),
    ).toBeNull();
  });
});

describe('referralDue', () => {
  it('is 72 elapsed hours after creation, across the autumn clock change', () => {
    // Fri 23 Oct 2026 15:00Z (16:00 BST) + 72 h = Mon 26 Oct 15:00Z (15:00 GMT).
    expect(iso(referralDue(at('2026-10-23T15:00:00Z')))).toBe('2026-10-26T15:00:00.000Z');
  });
});

describe('clockAt', () => {
  const startedAt = at('2026-01-12T09:00:00Z');
  const dueAt = at('2026-01-13T09:00:00Z');
  const later = (ms: number) => new Date(dueAt.getTime() + ms);

  it('is MET when stopped exactly at the due instant', () => {
    expect(clockAt(startedAt, dueAt, dueAt, later(5000))).toEqual({
      startedAt,
      dueAt,
      stoppedAt: dueAt,
      status: 'MET',
      secondsLeft: null,
    });
  });

  it('is MISSED when stopped one second after the due instant', () => {
    expect(clockAt(startedAt, dueAt, later(1000), later(5000))).toEqual({
      startedAt,
      dueAt,
      stoppedAt: later(1000),
      status: 'MISSED',
      secondsLeft: null,
    });
  });

  it('stays MET however long after the stop it is looked at', () => {
    expect(clockAt(startedAt, dueAt, later(-60_000), later(86_400_000)).status).toBe('MET');
  });

  it('is DUE_SOON with 0 seconds left when running at exactly the due instant', () => {
    expect(clockAt(startedAt, dueAt, null, dueAt)).toEqual({
      startedAt,
      dueAt,
      stoppedAt: null,
      status: 'DUE_SOON',
      secondsLeft: 0,
    });
  });

  it('is DUE_SOON with 3600 seconds left', () => {
    // DUE_SOON_MS is one hour, and a clock exactly one hour from due is within it.
    expect(clockAt(startedAt, dueAt, null, later(-3_600_000))).toEqual({
      startedAt,
      dueAt,
      stoppedAt: null,
      status: 'DUE_SOON',
      secondsLeft: 3600,
    });
  });

  it('is ON_TIME with 3601 seconds left', () => {
    expect(clockAt(startedAt, dueAt, null, later(-3_601_000))).toEqual({
      startedAt,
      dueAt,
      stoppedAt: null,
      status: 'ON_TIME',
      secondsLeft: 3601,
    });
  });

  it('is OVERDUE with negative seconds left once past due', () => {
    expect(clockAt(startedAt, dueAt, null, later(90_000))).toEqual({
      startedAt,
      dueAt,
      stoppedAt: null,
      status: 'OVERDUE',
      secondsLeft: -90,
    });
  });

  it('is OVERDUE with -1 seconds left one millisecond past due', () => {
    // Seconds left round down: -0.001 s -> -1, never a 0 that reads as "due now".
    expect(clockAt(startedAt, dueAt, null, later(1))).toEqual({
      startedAt,
      dueAt,
      stoppedAt: null,
      status: 'OVERDUE',
      secondsLeft: -1,
    });
  });
});

describe('parseRagTargets', () => {
  it('reads a full profile, BLUE keeping no target', () => {
    expect(parseRagTargets('RED:4,AMBER:24,GREEN:72')).toEqual({
      targets: { RED: 4, AMBER: 24, GREEN: 72, BLUE: null },
    });
  });

  it('reads decimals, a BLUE target, spaces and lower case', () => {
    expect(parseRagTargets(' red: 0.5 , AMBER:8,GREEN:48, BLUE:720 ')).toEqual({
      targets: { RED: 0.5, AMBER: 8, GREEN: 48, BLUE: 720 },
    });
  });

  it('keeps the defaults for ratings a partial profile leaves out', () => {
    expect(parseRagTargets('RED:2')).toEqual({
      targets: { RED: 2, AMBER: 24, GREEN: 72, BLUE: null },
    });
  });

  it('reads an empty profile as the defaults', () => {
    expect(parseRagTargets('')).toEqual({ targets: DEFAULT_RAG_TARGETS });
  });

  it('names an unknown rating', () => {
    expect(parseRagTargets('RED:4,PURPLE:8')).toEqual({
      problems: ['"PURPLE:8": PURPLE is not a rating (RED, AMBER, GREEN or BLUE)'],
    });
  });

  it('refuses zero hours', () => {
    expect(parseRagTargets('AMBER:0')).toEqual({
      problems: ['"AMBER:0": hours must be more than 0 and at most 720'],
    });
  });

  it('refuses negative hours', () => {
    expect(parseRagTargets('RED:-4')).toEqual({
      problems: ['"RED:-4": hours must be more than 0 and at most 720'],
    });
  });

  it('refuses more than 720 hours', () => {
    expect(parseRagTargets('GREEN:721')).toEqual({
      problems: ['"GREEN:721": hours must be more than 0 and at most 720'],
    });
  });

  it('refuses hours written as text', () => {
    expect(parseRagTargets('GREEN:soon')).toEqual({
      problems: ['"GREEN:soon": soon is not a number of hours'],
    });
  });

  it('refuses a part that is not RATING:HOURS, and an empty part', () => {
    expect(parseRagTargets('RED4,,AMBER:24')).toEqual({
      problems: [
        '"RED4" is not RATING:HOURS (for example RED:4)',
        '"" is not RATING:HOURS (for example RED:4)',
      ],
    });
  });

  it('refuses a rating given twice', () => {
    expect(parseRagTargets('RED:4,RED:5')).toEqual({
      problems: ['"RED:5": RED is given more than once'],
    });
  });

  it('refuses RED longer than AMBER', () => {
    expect(parseRagTargets('RED:30,AMBER:24,GREEN:72')).toEqual({
      problems: ['targets must be RED <= AMBER <= GREEN, not RED 30, AMBER 24, GREEN 72'],
    });
  });

  it('checks the order against the defaults a partial profile keeps', () => {
    // GREEN 12 against the default AMBER 24.
    expect(parseRagTargets('GREEN:12')).toEqual({
      problems: ['targets must be RED <= AMBER <= GREEN, not RED 4, AMBER 24, GREEN 12'],
    });
  });

  it('names every bad part at once', () => {
    expect(parseRagTargets('RED:x,PINK:1,AMBER:0')).toEqual({
      problems: [
        '"RED:x": x is not a number of hours',
        '"PINK:1": PINK is not a rating (RED, AMBER, GREEN or BLUE)',
        '"AMBER:0": hours must be more than 0 and at most 720',
      ],
    });
  });
});
