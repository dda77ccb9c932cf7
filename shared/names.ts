/**
 * People's names as every service stores, compares and matches them. A name typed or imported
 * with a zero-width space, a soft hyphen, a control character, a full-width letter or a letter of
 * another alphabet that looks like a Latin one would show on screen as a name already held and
 * yet compare as another: a second record of one child. `cleanName` removes what cannot be seen
 * and folds compatibility forms; `nameProblem` refuses a name that mixes the letters of two
 * scripts ("Аmelia" with a Cyrillic А). A name written wholly in one script, any script, is fine.
 */

/**
 * Characters that show nothing, or nothing of their own: format characters (zero-width space,
 * joiners, word joiner, byte order mark, soft hyphen, bidirectional marks and isolates, invisible
 * operators), control characters, the combining grapheme joiner, variation selectors and the
 * Hangul fillers.
 */
const INVISIBLE =
  /[\p{Cf}\p{Cc}\p{Variation_Selector}\u115F\u1160\u3164\uFFA0]|\u034F|\u17B4|\u17B5/gu;

/**
 * Any run of white space, Unicode's separators included (not `\s`, which counts the invisible
 * byte order mark as a space).
 */
const WHITE_SPACE = /[\t\n\v\f\r\u0085\p{Z}]+/gu;

/**
 * A name in the form it is stored and compared in: Unicode NFKC (full-width and other
 * compatibility letters become the usual ones, ligatures are spelled out), every invisible
 * character removed (`INVISIBLE`; tabs and line ends become spaces first), runs of white space
 * made one space, and the ends trimmed. Case and accents are kept: comparisons decide those.
 * Idempotent: cleaning a clean name changes nothing.
 */
export function cleanName(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(WHITE_SPACE, ' ')
    .replace(INVISIBLE, '')
    .replace(WHITE_SPACE, ' ')
    .trim()
    .normalize('NFKC');
}

/**
 * The scripts a letter may be written in, as Unicode names them, for the scripts people's names
 * are written in. Letters of Han are at home beside Hiragana and Katakana (Japanese), Hangul
 * (Korean) and Bopomofo (Chinese), so each of those is named by the writing systems it belongs to
 * (as Unicode TS #39 resolves scripts) and Han by all of them.
 */
const SCRIPTS: readonly [name: string, pattern: RegExp, systems: readonly string[]][] = [
  ['Latin', /\p{sc=Latin}/u, ['Latin']],
  ['Cyrillic', /\p{sc=Cyrillic}/u, ['Cyrillic']],
  ['Greek', /\p{sc=Greek}/u, ['Greek']],
  ['Armenian', /\p{sc=Armenian}/u, ['Armenian']],
  ['Georgian', /\p{sc=Georgian}/u, ['Georgian']],
  ['Hebrew', /\p{sc=Hebrew}/u, ['Hebrew']],
  ['Arabic', /\p{sc=Arabic}/u, ['Arabic']],
  ['Syriac', /\p{sc=Syriac}/u, ['Syriac']],
  ['Thaana', /\p{sc=Thaana}/u, ['Thaana']],
  ['Devanagari', /\p{sc=Devanagari}/u, ['Devanagari']],
  ['Bengali', /\p{sc=Bengali}/u, ['Bengali']],
  ['Gurmukhi', /\p{sc=Gurmukhi}/u, ['Gurmukhi']],
  ['Gujarati', /\p{sc=Gujarati}/u, ['Gujarati']],
  ['Oriya', /\p{sc=Oriya}/u, ['Oriya']],
  ['Tamil', /\p{sc=Tamil}/u, ['Tamil']],
  ['Telugu', /\p{sc=Telugu}/u, ['Telugu']],
  ['Kannada', /\p{sc=Kannada}/u, ['Kannada']],
  ['Malayalam', /\p{sc=Malayalam}/u, ['Malayalam']],
  ['Sinhala', /\p{sc=Sinhala}/u, ['Sinhala']],
  ['Thai', /\p{sc=Thai}/u, ['Thai']],
  ['Lao', /\p{sc=Lao}/u, ['Lao']],
  ['Myanmar', /\p{sc=Myanmar}/u, ['Myanmar']],
  ['Khmer', /\p{sc=Khmer}/u, ['Khmer']],
  ['Tibetan', /\p{sc=Tibetan}/u, ['Tibetan']],
  ['Mongolian', /\p{sc=Mongolian}/u, ['Mongolian']],
  ['Ethiopic', /\p{sc=Ethiopic}/u, ['Ethiopic']],
  ['Cherokee', /\p{sc=Cherokee}/u, ['Cherokee']],
  ['Tifinagh', /\p{sc=Tifinagh}/u, ['Tifinagh']],
  ['Nko', /\p{sc=Nko}/u, ['Nko']],
  ['Vai', /\p{sc=Vai}/u, ['Vai']],
  ['Adlam', /\p{sc=Adlam}/u, ['Adlam']],
  ['Hangul', /\p{sc=Hangul}/u, ['Korean']],
  ['Hiragana', /\p{sc=Hiragana}/u, ['Japanese']],
  ['Katakana', /\p{sc=Katakana}/u, ['Japanese']],
  ['Bopomofo', /\p{sc=Bopomofo}/u, ['Chinese']],
  ['Han', /\p{sc=Han}/u, ['Chinese', 'Japanese', 'Korean']],
];

/** A letter of a script; Common and Inherited letters (ʼ, for one) belong to every script. */
const SCRIPT_LETTER = /[\p{L}\p{Nl}]/u;
const NEUTRAL = /[\p{sc=Common}\p{sc=Inherited}]/u;

/** The script of one letter, and the writing systems it may be part of. */
function scriptOf(letter: string): { name: string; systems: readonly string[] } {
  const known = SCRIPTS.find(([, pattern]) => pattern.test(letter));
  // A script not listed is its own writing system: it may stand alone, not beside another.
  return known ? { name: known[0], systems: known[2] } : { name: 'other', systems: ['other'] };
}

/** The scripts of a name's letters, in order of first use (Common and Inherited ones left out). */
export function scriptsOf(name: string): string[] {
  const seen: string[] = [];
  for (const c of name) {
    if (!SCRIPT_LETTER.test(c) || NEUTRAL.test(c)) continue;
    const { name: script } = scriptOf(c);
    if (!seen.includes(script)) seen.push(script);
  }
  return seen;
}

/**
 * Why a (clean) name cannot be stored, or null: its letters come from more than one script that
 * cannot be written together ("mixes Latin and Cyrillic letters"). Hyphens, apostrophes, spaces,
 * digits and combining accents belong to every script; Han with Hiragana or Katakana (Japanese),
 * Han with Hangul (Korean) and Han with Bopomofo are one writing system each.
 */
export function nameProblem(name: string): string | null {
  let systems: readonly string[] | null = null;
  const scripts: string[] = [];
  for (const c of name) {
    if (!SCRIPT_LETTER.test(c) || NEUTRAL.test(c)) continue;
    const script = scriptOf(c);
    if (!scripts.includes(script.name)) scripts.push(script.name);
    systems = systems === null ? script.systems : systems.filter((s) => script.systems.includes(s));
    if (systems.length === 0) {
      const [first, ...rest] = scripts.map((s) => (s === 'other' ? 'another script’s' : s));
      return `mixes ${first} and ${rest.join(' and ')} letters: a name is written in one script, so that a look-alike letter cannot make a second record of one person`;
    }
  }
  return null;
}
