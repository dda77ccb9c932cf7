import {
  matchPerson,
  nameKey,
  type Candidate,
  type MatchContext,
  withoutAdults,
} from '../../shared/partner/matching';

// A child is never matched to a record the agency holds as an adult's (issue 18, finding 1), and
// names are compared as they show (finding 4).

const TODAY = '2026-11-20';
const child = {
  givenName: 'Chloe',
  familyName: 'Quill',
  dateOfBirth: '2012-03-04',
  sex: 'FEMALE',
  postcode: 'N15 4AB',
};
const AS_CHILD: MatchContext = { identifier: { label: 'NHS number', value: null }, childOn: TODAY };

function candidate(id: string, overrides: Partial<Candidate<string>> = {}): Candidate<string> {
  return { ...child, id, identifiers: [], record: id, ...overrides };
}

describe('matching a child (childOn)', () => {
  it('never matches a record of someone 18 or over, however well it scores', () => {
    // The attack: a "child" recorded with an adult's name and date of birth.
    const adult = { ...child, givenName: 'Dana', dateOfBirth: '1994-05-01' };
    expect(matchPerson(adult, AS_CHILD, [candidate('P1', { ...adult })])).toEqual({
      level: 'NONE',
      reasons: [],
      agencyReference: null,
      score: null,
      candidates: [],
      record: null,
    });
  });

  it('matches a record whose 18th birthday is tomorrow', () => {
    const nearly = { ...child, dateOfBirth: '2008-11-21' };
    expect(matchPerson(nearly, AS_CHILD, [candidate('P1', nearly)]).level).toBe('PROBABLE');
  });

  it('never matches a record whose 18th birthday is today', () => {
    const turned = { ...child, dateOfBirth: '2008-11-20' };
    expect(matchPerson(turned, AS_CHILD, [candidate('P1', turned)]).level).toBe('NONE');
  });

  it("goes by the agency's own date of birth, not the one sent", () => {
    const held = candidate('P1', { dateOfBirth: '2007-03-04' });
    expect(matchPerson(child, AS_CHILD, [held]).level).toBe('NONE');
  });

  it('still offers a record with no date of birth', () => {
    const held = candidate('P1', { dateOfBirth: null });
    const { level, agencyReference } = matchPerson(child, AS_CHILD, [held]);
    expect({ level, agencyReference }).toEqual({ level: 'POSSIBLE', agencyReference: 'P1' });
  });

  it("discloses nothing through a practitioner's link to an adult's record, and says why", () => {
    const result = matchPerson(
      child,
      {
        ...AS_CHILD,
        decisions: [{ agency: 'POLICE', agencyReference: 'P9', decision: 'CONFIRMED' }],
      },
      [candidate('P9', { dateOfBirth: '1990-01-01' })],
    );
    expect(result).toEqual({
      level: 'NONE',
      reasons: [
        'the record a practitioner linked is an adult’s, and a child is never matched to an adult',
      ],
      agencyReference: null,
      score: null,
      candidates: [],
      record: null,
    });
  });

  it('matches an adult as before when the person asked about is not a child', () => {
    const adult = { ...child, dateOfBirth: '1994-05-01' };
    const context: MatchContext = { identifier: { label: 'NHS number', value: null } };
    expect(matchPerson(adult, context, [candidate('P1', adult)]).level).toBe('PROBABLE');
  });
});

describe('the candidates a child may be matched to', () => {
  const record = (id: string, dateOfBirth: string | null) => candidate(id, { dateOfBirth });

  it('leaves out records born on or before the 18-years-ago date, and keeps those with no date', () => {
    const kept = withoutAdults(
      [
        record('ADULT', '2008-11-20'),
        record('CHILD', '2008-11-21'),
        record('NO_DATE', null),
        record('OLDER', '1990-01-01'),
      ],
      TODAY,
    );
    expect(kept.map((c) => c.id)).toEqual(['CHILD', 'NO_DATE']);
  });
});

describe('nameKey on look-alike input', () => {
  it.each([
    ['a zero-width space', 'Chl\u200Boe'],
    ['a soft hyphen', 'Chl\u00ADoe'],
    ['full-width letters', 'Ｃｈｌｏｅ'],
  ])('gives the same key for a name with %s', (_what, name) => {
    expect(nameKey(name)).toBe(nameKey('Chloe'));
  });
});
