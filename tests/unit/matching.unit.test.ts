import {
  BEST_SCORE_WITH_DATE_DIFFERING,
  datesDifferingCanMatch,
  DEFAULT_MATCH_THRESHOLDS,
  blockingKeys,
  isInBlock,
  isShortForm,
  matchPerson,
  nameKey,
  scoreCandidate,
  swappedDate,
  type Candidate,
  type MatchContext,
} from '../../shared/partner/matching';

const child = {
  givenName: 'Chloë',
  familyName: "O'Brien-Smith",
  dateOfBirth: '2015-03-04',
  sex: 'FEMALE',
  postcode: 'N15 4AB',
};

const BY_DEMOGRAPHICS: MatchContext = { identifier: { label: 'NHS number', value: null } };
const BY_NHS: MatchContext = { identifier: { label: 'NHS number', value: '9434765919' } };

function candidate(id: string, overrides: Partial<Candidate<string>> = {}): Candidate<string> {
  return { ...child, id, identifiers: [], record: id, ...overrides };
}

describe('nameKey', () => {
  it('ignores case, accents, hyphens, apostrophes and spaces', () => {
    expect(nameKey("Zoë O'Brien-Smith")).toBe(nameKey('zoe obriensmith'));
  });

  it('keeps of a plain ASCII name its letters alone, in lower case, as of any other', () => {
    const ascii = Array.from({ length: 128 }, (_, code) => String.fromCharCode(code)).join('');
    expect(nameKey(`Jo${ascii}`)).toBe(`jo${'abcdefghijklmnopqrstuvwxyz'.repeat(2)}`);
    // The same letters beside one non-ASCII letter take the full path, to the same key.
    expect(nameKey(`Jo${ascii}é`)).toBe(`jo${'abcdefghijklmnopqrstuvwxyz'.repeat(2)}e`);
  });
});

describe('isShortForm', () => {
  it.each([
    ['Alex', 'Alexander'],
    ['Sam', 'Samuel'],
    ['Bill', 'William'],
    ['Bill', 'Will'],
    ['Peggy', 'Margaret'],
    ['kate', 'CATHERINE'],
    ['Danny', 'Daniel'],
    ['Toby', 'Tobias'],
    ['Emeka', 'Chukwuemeka'],
  ])('knows %s as a form of %s', (a, b) => {
    expect(isShortForm(a, b)).toBe(true);
  });

  it.each([
    ['Louis', 'Louise'],
    ['Daniel', 'Daniela'],
    ['Alexander', 'Alexandra'],
    ['Oliver', 'Olivia'],
    ['Amelia', 'Amelia'],
    ['Emma', 'Gemma'],
    ['Anna', 'Joanna'],
  ])('keeps %s and %s apart', (a, b) => {
    expect(isShortForm(a, b)).toBe(false);
  });
});

describe('swappedDate', () => {
  it('exchanges day and month when both could be a month', () => {
    expect([
      swappedDate('2015-03-04'),
      swappedDate('2015-03-14'),
      swappedDate('2015-04-04'),
    ]).toEqual(['2015-04-03', null, null]);
  });
});

describe('matchPerson by identifier', () => {
  it('confirms a match on the identifier when the demographics agree', () => {
    expect(matchPerson(child, BY_NHS, [candidate('HP1', { identifiers: ['9434765919'] })])).toEqual(
      {
        level: 'CONFIRMED',
        reasons: [
          'NHS number matches',
          'family name matches',
          'given name matches',
          'date of birth matches',
          'sex matches',
          'postcode matches',
        ],
        agencyReference: 'HP1',
        score: null,
        candidates: [],
        record: 'HP1',
      },
    );
  });

  it('confirms on the identifier through a mistyped name and a moved address', () => {
    const result = matchPerson(child, BY_NHS, [
      candidate('HP1', { identifiers: ['9434765919'], givenName: 'Chloa', postcode: 'E1 6AN' }),
    ]);
    expect([result.level, result.agencyReference]).toEqual(['CONFIRMED', 'HP1']);
  });

  it("only offers an identifier match as possible when it is a sibling's record", () => {
    const result = matchPerson(child, BY_NHS, [
      candidate('HP9', {
        identifiers: ['9434765919'],
        givenName: 'Amir',
        dateOfBirth: '2012-01-09',
      }),
    ]);
    expect({ level: result.level, ref: result.agencyReference, record: result.record }).toEqual({
      level: 'POSSIBLE',
      ref: 'HP9',
      record: null,
    });
    expect(result.reasons).toContain('the demographics do not support the identifier');
  });

  it('never makes a record with a different identifier more than possible', () => {
    const result = matchPerson(child, BY_NHS, [candidate('HP2', { identifiers: ['4010232137'] })]);
    expect([result.level, result.record, result.reasons.at(-1)]).toEqual([
      'POSSIBLE',
      null,
      'NHS number differs',
    ]);
  });
});

describe('matchPerson by demographics', () => {
  it('finds a probable match on exact names and date of birth despite accents and punctuation', () => {
    expect(
      matchPerson(child, BY_DEMOGRAPHICS, [
        candidate('HP2', { givenName: 'Chloe', familyName: 'OBrien Smith', postcode: null }),
      ]),
    ).toEqual({
      level: 'PROBABLE',
      reasons: [
        'family name matches',
        'given name matches',
        'date of birth matches',
        'sex matches',
      ],
      agencyReference: 'HP2',
      score: 17,
      candidates: [],
      record: 'HP2',
    });
  });

  it.each([
    ['one part of a double-barrelled family name', { familyName: 'Smith' }, 'PROBABLE'],
    ['day and month swapped', { dateOfBirth: '2015-04-03' }, 'PROBABLE'],
    ['a moved postcode', { postcode: 'E1 6AN' }, 'PROBABLE'],
    ['a family name one letter out', { familyName: "O'Brian-Smith" }, 'PROBABLE'],
    ['a given name one letter out', { givenName: 'Chloy' }, 'POSSIBLE'],
    [
      'a date of birth one day out and a moved postcode',
      { dateOfBirth: '2015-03-05', postcode: 'E1 6AN' },
      'POSSIBLE',
    ],
    ['a date of birth a year out', { dateOfBirth: '2016-03-04' }, 'PROBABLE'],
    ['another date of birth', { dateOfBirth: '2011-09-21' }, 'NONE'],
    ['the other sex', { sex: 'MALE' }, 'POSSIBLE'],
  ])('grades a record with %s', (_, overrides, level) => {
    expect(matchPerson(child, BY_DEMOGRAPHICS, [candidate('HP1', overrides)]).level).toBe(level);
  });

  it('never matches a twin: same family name, date of birth and address, other given name', () => {
    expect(matchPerson(child, BY_DEMOGRAPHICS, [candidate('HP3', { givenName: 'Grace' })])).toEqual(
      {
        level: 'NONE',
        reasons: [],
        agencyReference: null,
        score: null,
        candidates: [],
        record: null,
      },
    );
  });

  it('grades a short form of the given name with a moved postcode as probable', () => {
    const probe = { ...child, givenName: 'Margaret' };
    const held = candidate('HP1', { givenName: 'Peggy', postcode: 'E1 6AN' });
    expect(matchPerson(probe, BY_DEMOGRAPHICS, [held]).level).toBe('PROBABLE');
  });

  it("never makes a twin whose name is one letter from the child's more than possible", () => {
    const probe = { ...child, givenName: 'Ava', familyName: 'Khan' };
    const twin = candidate('HP3', { givenName: 'Eva', familyName: 'Khan' });
    expect(matchPerson(probe, BY_DEMOGRAPHICS, [twin]).level).toBe('NONE');
    const longer = { ...child, givenName: 'Amelia', familyName: 'Khan' };
    const twinLonger = candidate('HP4', { givenName: 'Amelie', familyName: 'Khan' });
    expect(matchPerson(longer, BY_DEMOGRAPHICS, [twinLonger]).level).toBe('POSSIBLE');
  });

  it('keeps apart twins with double given names that share the first part', () => {
    const probe = { ...child, givenName: 'Mary-Jane' };
    const twin = candidate('HP3', { givenName: 'Mary-Anne' });
    expect(matchPerson(probe, BY_DEMOGRAPHICS, [twin]).level).not.toBe('PROBABLE');
  });

  it('does not take a shared particle for a shared family name', () => {
    const probe = { ...child, familyName: 'Al-Hassan' };
    const other = candidate('HP3', { familyName: 'Al-Rashid', postcode: 'N15 9ZZ' });
    expect(matchPerson(probe, BY_DEMOGRAPHICS, [other]).level).toBe('NONE');
  });

  it('picks the child, not the twin, when both are in the index', () => {
    const result = matchPerson(child, BY_DEMOGRAPHICS, [
      candidate('HP3', { givenName: 'Grace' }),
      candidate('HP4'),
    ]);
    expect([result.level, result.agencyReference]).toEqual(['PROBABLE', 'HP4']);
  });

  it('offers both records, and discloses neither, when two fit equally well', () => {
    expect(matchPerson(child, BY_DEMOGRAPHICS, [candidate('HP4'), candidate('HP5')])).toEqual({
      level: 'POSSIBLE',
      reasons: [
        '2 records may be this person',
        'family name matches',
        'given name matches',
        'date of birth matches',
        'sex matches',
        'postcode matches',
      ],
      agencyReference: null,
      score: 20,
      candidates: ['HP4', 'HP5'].map((agencyReference) => ({
        agencyReference,
        score: 20,
        reasons: [
          'family name matches',
          'given name matches',
          'date of birth matches',
          'sex matches',
          'postcode matches',
        ],
      })),
      record: null,
    });
  });

  it('finds nothing for an unborn child without a date of birth or identifier', () => {
    const result = matchPerson({ ...child, dateOfBirth: null }, BY_DEMOGRAPHICS, [
      candidate('HP7'),
    ]);
    expect(result.level).not.toBe('PROBABLE');
    expect(result.record).toBeNull();
  });

  it('finds nothing rather than failing when names are missing', () => {
    const probe = {
      givenName: undefined,
      familyName: undefined,
      dateOfBirth: null,
      sex: null,
      postcode: null,
    };
    expect(matchPerson(probe as never, BY_DEMOGRAPHICS, [candidate('HP8')]).level).toBe('NONE');
  });

  it('applies the thresholds it is given', () => {
    const strict = { ...BY_DEMOGRAPHICS, thresholds: { probable: 21, possible: 18 } };
    expect(matchPerson(child, strict, [candidate('HP1')]).level).toBe('POSSIBLE');
    expect(matchPerson(child, strict, [candidate('HP1', { postcode: 'E1 6AN' })]).level).toBe(
      'NONE',
    );
  });
});

describe("matchPerson with a practitioner's decisions", () => {
  it('uses a confirmed link exactly, even over a record that scores higher', () => {
    const result = matchPerson(
      child,
      {
        ...BY_DEMOGRAPHICS,
        decisions: [{ agency: 'HEALTH', agencyReference: 'HP7', decision: 'CONFIRMED' }],
      },
      [candidate('HP1'), candidate('HP7', { givenName: 'Chloee', dateOfBirth: '2015-04-03' })],
    );
    expect([result.level, result.agencyReference, result.record, result.reasons]).toEqual([
      'CONFIRMED',
      'HP7',
      'HP7',
      ['linked by a practitioner'],
    ]);
  });

  it('matches afresh, and says why, when the linked record is no longer held', () => {
    const result = matchPerson(
      child,
      {
        ...BY_DEMOGRAPHICS,
        decisions: [{ agency: 'HEALTH', agencyReference: 'HP7', decision: 'CONFIRMED' }],
      },
      [candidate('HP1')],
    );
    expect([result.level, result.agencyReference, result.reasons[0]]).toEqual([
      'PROBABLE',
      'HP1',
      'the record a practitioner linked is no longer held',
    ]);
  });

  it('discloses nothing through a link to a record that does not resemble the child', () => {
    const result = matchPerson(
      child,
      {
        ...BY_DEMOGRAPHICS,
        decisions: [{ agency: 'POLICE', agencyReference: 'PP1', decision: 'CONFIRMED' }],
      },
      [
        candidate('PP1', {
          givenName: 'Margaret',
          familyName: 'Okafor',
          dateOfBirth: '1976-02-11',
          sex: 'FEMALE',
          postcode: 'E1 6AN',
        }),
      ],
    );
    expect([result.level, result.record, result.reasons[0]]).toEqual([
      'POSSIBLE',
      null,
      'the record a practitioner linked does not resemble this person',
    ]);
  });

  it('never offers a rejected record again', () => {
    const result = matchPerson(
      child,
      {
        ...BY_DEMOGRAPHICS,
        decisions: [{ agency: 'HEALTH', agencyReference: 'HP4', decision: 'REJECTED' }],
      },
      [candidate('HP4'), candidate('HP5', { postcode: 'E1 6AN' })],
    );
    expect([result.level, result.agencyReference]).toEqual(['PROBABLE', 'HP5']);
  });
});

describe('scoreCandidate', () => {
  it('scores full agreement at 20', () => {
    expect(scoreCandidate(child, child).score).toBe(20);
  });
});

describe('blocking', () => {
  const probe = { id: 'SC1', ...child };

  it('asks for the date of birth, its swap, and each part of the family name', () => {
    expect(blockingKeys([probe], 'HEALTH')).toEqual({
      dates: ['2015-03-04', '2015-04-03'],
      families: ['obriensmith', 'obrien', 'smith'].map((key) => ({
        key,
        dateOfBirth: '2015-03-04',
      })),
      references: [],
      familiesWithoutDob: [],
    });
  });

  it('keeps a namesake born within about a year, and drops one born years apart', () => {
    expect([
      isInBlock(
        probe,
        candidate('A', { familyName: 'Smith', dateOfBirth: '2016-02-01' }),
        null,
        'HEALTH',
      ),
      isInBlock(
        probe,
        candidate('B', { familyName: 'Smith', dateOfBirth: '2019-02-01' }),
        null,
        'HEALTH',
      ),
      isInBlock(
        probe,
        candidate('C', { familyName: 'Jones', dateOfBirth: '2015-04-03' }),
        null,
        'HEALTH',
      ),
    ]).toEqual([true, false, true]);
  });
});

describe('a record whose date of birth differs outright', () => {
  // The family-name block reads only close dates when such a record cannot reach POSSIBLE: the
  // bound must hold for every combination of the other comparisons.
  const probe = {
    givenName: 'Elizabeth',
    familyName: 'Carter',
    dateOfBirth: '2015-03-04',
    sex: 'FEMALE',
    postcode: 'N15 4AB',
  };
  const combinations = ['Carter', 'Carter-Lowe', 'Cartor', 'Nguyen'].flatMap((familyName) =>
    ['Elizabeth', 'Liz', 'Elizabeth-Anne', 'Elisabeth', 'Mary'].flatMap((givenName) =>
      ['FEMALE', 'MALE', 'UNKNOWN', null].flatMap((sex) =>
        ['N15 4AB', 'N15 9ZZ', 'E1 6AN', null].map((postcode) => ({
          givenName,
          familyName,
          dateOfBirth: '2012-08-20',
          sex,
          postcode,
        })),
      ),
    ),
  );

  it('scores at most BEST_SCORE_WITH_DATE_DIFFERING, whatever else agrees', () => {
    const scores = combinations.map((c) => scoreCandidate(probe, c));
    expect(scores.every((s) => s.reasons.includes('date of birth differs'))).toBe(true);
    expect(Math.max(...scores.map((s) => s.score))).toBe(BEST_SCORE_WITH_DATE_DIFFERING);
  });

  it('cannot reach POSSIBLE under the default thresholds, and can under a POSSIBLE score at the bound', () => {
    expect(datesDifferingCanMatch(DEFAULT_MATCH_THRESHOLDS)).toBe(false);
    expect(datesDifferingCanMatch({ probable: 15, possible: BEST_SCORE_WITH_DATE_DIFFERING })).toBe(
      true,
    );
  });
});
