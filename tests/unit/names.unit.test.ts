import { cleanName, nameProblem, scriptsOf } from '../../shared/names';

// Names as every service stores, compares and matches them (issue 18, finding 4): what cannot be
// seen is removed, compatibility forms are folded, and a name mixing two scripts is refused.

describe('cleanName', () => {
  it.each([
    ['a zero-width space', 'Ame\u200Blia', 'Amelia'],
    ['a zero-width non-joiner', 'Ame\u200Clia', 'Amelia'],
    ['a zero-width joiner', 'Ame\u200Dlia', 'Amelia'],
    ['a word joiner', 'Ame\u2060lia', 'Amelia'],
    ['a byte order mark', '\uFEFFAmelia', 'Amelia'],
    ['a byte order mark inside', 'Ame\uFEFFlia', 'Amelia'],
    ['a soft hyphen', 'Ame\u00ADlia', 'Amelia'],
    ['a right-to-left mark', 'Amelia\u200F', 'Amelia'],
    ['a bidirectional override', '\u202EAmelia\u202C', 'Amelia'],
    ['a Mongolian vowel separator', 'Ame\u180Elia', 'Amelia'],
    ['a NUL', 'Ame\u0000lia', 'Amelia'],
    ['a bell and a delete', 'Am\u0007e\u007Flia', 'Amelia'],
    ['a combining grapheme joiner', 'Ame\u034Flia', 'Amelia'],
    ['a variation selector', 'Ame\uFE0Flia', 'Amelia'],
    ['a Hangul filler', 'Ame\u3164lia', 'Amelia'],
    ['full-width letters', 'Ｓｍｉｔｈ', 'Smith'],
    ['a ligature', 'Ruﬁna', 'Rufina'],
    ['mathematical letters', '𝐀𝐦𝐞𝐥𝐢𝐚', 'Amelia'],
    ['a decomposed accent (composed)', 'Zoe\u0308', 'Zo\u00EB'],
    ['spaces around', '  Amelia  ', 'Amelia'],
    ['a run of spaces, tabs and no-break spaces', 'Mary \t\u00A0 Jane', 'Mary Jane'],
    ['a line end', 'Mary\r\nJane', 'Mary Jane'],
    ['an ideographic space', 'Mary\u3000Jane', 'Mary Jane'],
    ['a space made of invisible characters only', 'Mary \u200B Jane', 'Mary Jane'],
    ['nothing but invisible characters', '\u200B\u200D\uFEFF', ''],
  ])('removes %s', (_what, raw, clean) => {
    expect(cleanName(raw)).toBe(clean);
  });

  it.each([
    ["O'Brien-Smith"],
    ['O\u2019Brien'],
    ['Zoë'],
    ['Łukasz'],
    ['Amelia'],
    ['AMELIA'],
    ['Амелия'],
    ['Ἀλέξανδρος'],
    ['محمد'],
    ['山田 はなこ'],
    ['van der Berg'],
  ])('keeps %s as it is (case and accents are for comparisons to decide)', (name) => {
    expect(cleanName(name)).toBe(name);
  });

  it('changes nothing in a name it has cleaned', () => {
    const raw = ['  Ａｍｅ\u200Bl\u00ADia\t\u00A0Ｚoe\u0308 ', 'ﬃ\u2060x', 'a\u200B \u200Bb'];
    expect(raw.map((r) => cleanName(cleanName(r)))).toEqual(raw.map(cleanName));
  });
});

describe('scriptsOf', () => {
  it.each([
    ['Amelia', ['Latin']],
    ["O'Brien-Smith", ['Latin']],
    ['\u0410melia', ['Cyrillic', 'Latin']],
    ['Амелия', ['Cyrillic']],
    ['山田 はなこ', ['Han', 'Hiragana']],
    ['123 - \u2019', []],
  ])('of %s are %j', (name, scripts) => {
    expect(scriptsOf(name)).toEqual(scripts);
  });
});

describe('nameProblem', () => {
  it.each([
    ['a Latin name', 'Amelia'],
    ['a Latin name with accents', 'Zoë Łukasz-Núñez'],
    ['hyphens, apostrophes and spaces', "Mary-Jane O'Brien"],
    ['a modifier-letter apostrophe (Common)', 'ʼAbdullah'],
    ['a combining accent (Inherited)', 'Zoe\u0308'],
    ['digits (Common)', 'Henry 8'],
    ['a Cyrillic name', 'Анастасия'],
    ['a Greek name', 'Ἀλέξανδρος'],
    ['an Arabic name', 'محمد'],
    ['a Devanagari name', 'प्रिया'],
    ['a Georgian name', 'ნინო'],
    ['a Japanese name (Han, Hiragana and Katakana)', '山田 はなこ カナ'],
    ['a Korean name (Han and Hangul)', '金 민준'],
    ['a Chinese name', '王小明'],
    ['an empty name', ''],
  ])('finds nothing wrong with %s', (_what, name) => {
    expect(nameProblem(name)).toBeNull();
  });

  it.each([
    ['a Cyrillic А in a Latin name', '\u0410melia', 'Cyrillic and Latin'],
    ['a Cyrillic е in a Latin name', 'Am\u0435lia', 'Latin and Cyrillic'],
    ['a Greek ο in a Latin name', 'Chl\u03BFe', 'Latin and Greek'],
    ['Latin and Cyrillic words', 'Mary Мария', 'Latin and Cyrillic'],
    ['Hangul and Hiragana', '민준 はな', 'Hangul and Hiragana'],
    ['a Latin letter in an Arabic name', 'محمدa', 'Arabic and Latin'],
    ['a script not listed beside Latin', 'Amelia\u16A0', 'Latin and another script’s'],
  ])('refuses %s', (_what, name, scripts) => {
    expect(nameProblem(name)).toBe(
      `mixes ${scripts} letters: a name is written in one script, so that a look-alike letter cannot make a second record of one person`,
    );
  });
});
