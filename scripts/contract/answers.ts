import type { Exchange, WireError } from './client';

/** Reading what a subgraph answered to `_entities`. */

type Json = Record<string, unknown>;

/** The `i`th entity of an `_entities` answer, or null. */
export function entityAt(exchange: Exchange, i: number): Json | null {
  const list = exchange.reply.body?.data?._entities;
  return Array.isArray(list) ? ((list[i] as Json | null | undefined) ?? null) : null;
}

/** A field of the `i`th entity: undefined when the entity or the field is missing. */
export function fieldAt(exchange: Exchange, i: number, field: string): unknown {
  return entityAt(exchange, i)?.[field];
}

/** The errors whose path is exactly `_entities.i.field`. */
export function errorsAt(exchange: Exchange, i: number, field: string): WireError[] {
  return (exchange.reply.body?.errors ?? []).filter(
    (e) =>
      e.path?.length === 3 && e.path[0] === '_entities' && e.path[1] === i && e.path[2] === field,
  );
}

/** The codes of errors, for a reason line. */
export function codesOf(errors: WireError[]): string {
  const codes = errors.map((e) => String(e.extensions?.code ?? 'no code'));
  return codes.length > 0 ? codes.join(', ') : 'no error';
}

/** The match a section reports. */
export interface SectionMatch {
  level: string;
  agencyReference: string | null;
  candidates: { agencyReference: string }[];
}

/** The section's `match`, or a reason it has none. */
export function matchOf(section: unknown): SectionMatch | string {
  if (section === null || section === undefined) return 'no section';
  const match = (section as Json).match as SectionMatch | undefined;
  return match && typeof match.level === 'string' ? match : 'a section without match.level';
}

/** Fields of a section that hold something (not null, not an empty list) besides `keep`. */
export function disclosedFields(section: Json, keep: string[]): string[] {
  return Object.entries(section)
    .filter(([k]) => !keep.includes(k) && k !== '__typename')
    .filter(([, v]) => v !== null && !(Array.isArray(v) && v.length === 0))
    .map(([k]) => k);
}
