import { matchPerson, nameKey, type Candidate } from '../../shared/matching';

const child = {
  givenName: 'Zoë',
  familyName: "O'Brien-Smith",
  dateOfBirth: '2015-03-04',
  sex: 'FEMALE',
  postcode: 'N15 4AB',
};

function candidate(id: string, overrides: Partial<Candidate<string>> = {}): Candidate<string> {
  return { ...child, id, identifiers: [], record: id, ...overrides };
}

describe('nameKey', () => {
  it('ignores case, accents, hyphens, apostrophes and spaces', () => {
    expect(nameKey("Zoë O'Brien-Smith")).toBe(nameKey('zoe obriensmith'));
  });
});

describe('matchPerson', () => {
  it('confirms a match on the identifier when the date of birth agrees', () => {
    const result = matchPerson(child, { label: 'NHS number', value: '9434765919' }, [
      candidate('HP1', { identifiers: ['9434765919'] }),
    ]);
    expect(result).toEqual({
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
      record: 'HP1',
    });
  });

  it('only offers an identifier match as possible when the date of birth differs (a sibling)', () => {
    const result = matchPerson(child, { label: 'NHS number', value: '9434765919' }, [
      candidate('HP9', {
        identifiers: ['9434765919'],
        givenName: 'Amir',
        dateOfBirth: '2012-01-09',
      }),
    ]);
    expect(result).toEqual({
      level: 'POSSIBLE',
      reasons: [
        'NHS number matches',
        'family name matches',
        'sex matches',
        'postcode matches',
        'date of birth differs',
      ],
      agencyReference: 'HP9',
      record: null,
    });
  });

  it('only offers an identifier match as possible when name and date of birth both differ', () => {
    const result = matchPerson(child, { label: 'NHS number', value: '9434765919' }, [
      candidate('HP1', {
        identifiers: ['9434765919'],
        familyName: 'Other',
        dateOfBirth: '1980-01-01',
      }),
    ]);
    expect([result.level, result.record]).toEqual(['POSSIBLE', null]);
  });

  it('finds a probable match on exact names and date of birth despite accents and punctuation', () => {
    const result = matchPerson(child, { label: 'NHS number', value: null }, [
      candidate('HP2', { givenName: 'Zoe', familyName: 'OBrien Smith', postcode: null }),
    ]);
    expect(result).toEqual({
      level: 'PROBABLE',
      reasons: [
        'family name matches',
        'given name matches',
        'date of birth matches',
        'sex matches',
      ],
      agencyReference: 'HP2',
      record: 'HP2',
    });
  });

  it('never matches a twin: same family name, date of birth and address, other given name', () => {
    const result = matchPerson(child, { label: 'NHS number', value: null }, [
      candidate('HP3', { givenName: 'Chloe' }),
    ]);
    expect(result.level).toBe('NONE');
  });

  it('discloses nothing when two records fit equally well', () => {
    const result = matchPerson(child, { label: 'NHS number', value: null }, [
      candidate('HP4'),
      candidate('HP5'),
    ]);
    expect(result).toEqual({
      level: 'POSSIBLE',
      reasons: ['2 records share this name and date of birth'],
      agencyReference: null,
      record: null,
    });
  });

  it('does not match a record of the other sex', () => {
    const result = matchPerson(child, { label: 'NHS number', value: null }, [
      candidate('HP6', { sex: 'MALE' }),
    ]);
    expect(result.level).toBe('NONE');
  });

  it('finds nothing for an unborn child without a date of birth or identifier', () => {
    const result = matchPerson(
      { ...child, dateOfBirth: null },
      { label: 'NHS number', value: null },
      [candidate('HP7')],
    );
    expect(result).toEqual({ level: 'NONE', reasons: [], agencyReference: null, record: null });
  });
});

describe('matchPerson with a representation lacking demographics', () => {
  it('finds nothing rather than failing when names are missing', () => {
    const probe = {
      givenName: undefined,
      familyName: undefined,
      dateOfBirth: null,
      sex: null,
      postcode: null,
    };
    expect(
      matchPerson(probe as never, { label: 'NHS number', value: null }, [candidate('HP8')]).level,
    ).toBe('NONE');
  });
});
