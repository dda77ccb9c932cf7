import {
  isTemporaryUpn,
  isValidNhsNumber,
  isValidPncId,
  isValidUpn,
  nhsCheckDigit,
  pncCheckLetter,
  upnCheckLetter,
} from '../../shared/identifiers';

describe('NHS number', () => {
  it('accepts 943 476 5919, written with or without spaces', () => {
    expect([isValidNhsNumber('9434765919'), isValidNhsNumber('943 476 5919')]).toEqual([
      true,
      true,
    ]);
  });

  it('rejects 943 476 5918, whose check digit is wrong', () => {
    expect(isValidNhsNumber('9434765918')).toBe(false);
  });

  it('rejects anything that is not ten digits', () => {
    expect(['943476591', '94347659190', '943476591X', ''].map(isValidNhsNumber)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('computes the check digit as 11 minus the weighted sum mod 11', () => {
    // 4x10 + 0x9 + 1x8 + 0x7 + 2x6 + 3x5 + 2x4 + 1x3 + 3x2 = 92; 92 mod 11 = 4; 11 - 4 = 7.
    expect(nhsCheckDigit('401023213')).toBe(7);
  });

  it('treats a check value of 11 as 0', () => {
    // Weighted sum 0: 11 - 0 = 11, written 0.
    expect([nhsCheckDigit('000000000'), isValidNhsNumber('0000000000')]).toEqual([0, true]);
  });

  it('has no valid number when the check value would be 10', () => {
    // 1x10 + 1x2 = 12; 12 mod 11 = 1; 11 - 1 = 10.
    expect(nhsCheckDigit('100000001')).toBeNull();
    expect([...Array(10).keys()].some((d) => isValidNhsNumber(`100000001${d}`))).toBe(false);
  });
});

describe('UPN', () => {
  it('accepts B801200005001 and Z801200025003', () => {
    expect([isValidUpn('B801200005001'), isValidUpn('Z801200025003')]).toEqual([true, true]);
  });

  it('computes the check letter from positions 2 to 13', () => {
    expect([upnCheckLetter('801200005001'), upnCheckLetter('801200025003')]).toEqual(['B', 'Z']);
  });

  it('rejects a UPN whose check letter is wrong', () => {
    expect(isValidUpn('A801200005001')).toBe(false);
  });

  it('accepts a temporary UPN ending in a letter with the right check letter', () => {
    const temporary = `${upnCheckLetter('80120000500A')}80120000500A`;
    expect([
      isValidUpn(temporary),
      isTemporaryUpn(temporary),
      isTemporaryUpn('B801200005001'),
    ]).toEqual([true, true, false]);
  });

  it('rejects a temporary UPN ending in I, O or S, which the check alphabet lacks', () => {
    expect(['I', 'O', 'S'].map((l) => isValidUpn(`A80120000500${l}`))).toEqual([
      false,
      false,
      false,
    ]);
  });

  it('accepts lower case and surrounding spaces', () => {
    expect(isValidUpn(' b801200005001 ')).toBe(true);
  });
});

describe('PNC id', () => {
  it('maps a remainder of 0 to Z', () => {
    // 230000000 = 23 x 10,000,000
    expect(pncCheckLetter('23', '0000000')).toBe('Z');
  });

  it('maps remainders 1 to 22 onto A to Y without I, O and S', () => {
    expect([pncCheckLetter('00', '0000001'), pncCheckLetter('00', '0000022')]).toEqual(['A', 'Y']);
  });

  it('accepts a written PNC id with the right check letter and rejects a wrong one', () => {
    const letter = pncCheckLetter('99', '1234567');
    const wrong = letter === 'A' ? 'B' : 'A';
    expect([isValidPncId(`99/1234567${letter}`), isValidPncId(`99/1234567${wrong}`)]).toEqual([
      true,
      false,
    ]);
  });

  it('rejects a PNC id without the slash or with too few digits', () => {
    expect([isValidPncId('991234567X'), isValidPncId('99/123456X')]).toEqual([false, false]);
  });
});
