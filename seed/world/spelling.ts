/**
 * How names get mangled on their way into a record: accents dropped (including the letters NFD
 * does not decompose) and single keying slips.
 */
import type { Rng } from '../random';

// Names repeat across tens of thousands of people: fold each one once.
const STRIPPED = new Map<string, string>();

/** Removes diacritics, including the letters NFD does not decompose (ł, ı, ø, ß, đ). */
export function stripAccents(value: string): string {
  let stripped = STRIPPED.get(value);
  if (stripped === undefined) {
    stripped = value
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/ł/g, 'l')
      .replace(/Ł/g, 'L')
      .replace(/ı/g, 'i')
      .replace(/ø/g, 'o')
      .replace(/Ø/g, 'O')
      .replace(/ß/g, 'ss')
      .replace(/đ/g, 'd');
    STRIPPED.set(value, stripped);
  }
  return stripped;
}

/** Whether the name has a letter `stripAccents` would change. */
export function hasAccent(value: string): boolean {
  return stripAccents(value) !== value;
}

const QWERTY_NEIGHBOURS: Record<string, string> = {
  a: 'sq',
  b: 'vn',
  c: 'xv',
  d: 'sf',
  e: 'wr',
  f: 'dg',
  g: 'fh',
  h: 'gj',
  i: 'uo',
  j: 'hk',
  k: 'jl',
  l: 'k',
  m: 'n',
  n: 'bm',
  o: 'ip',
  p: 'o',
  q: 'w',
  r: 'et',
  s: 'ad',
  t: 'ry',
  u: 'yi',
  v: 'cb',
  w: 'qe',
  x: 'zc',
  y: 'tu',
  z: 'x',
};

/**
 * One keying slip in a name: a letter replaced by a neighbouring key, dropped, or doubled. Never
 * the first letter; a name with fewer than two lower-case letters after it comes back unchanged.
 */
export function typo(rng: Rng, name: string): string {
  const positions: number[] = [];
  for (let i = 1; i < name.length; i++) if (/[a-z]/.test(name[i])) positions.push(i);
  if (positions.length < 2) return name;
  const i = rng.pick(positions);
  const kind = rng.int(0, 2);
  if (kind === 0) {
    return name.slice(0, i) + rng.pick([...QWERTY_NEIGHBOURS[name[i]]]) + name.slice(i + 1);
  }
  if (kind === 1) return name.slice(0, i) + name.slice(i + 1);
  return name.slice(0, i) + name[i] + name.slice(i);
}
