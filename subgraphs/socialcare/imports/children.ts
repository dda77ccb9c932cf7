/**
 * Whom the rows of a contacts file are about: the stored children they could be (found in three
 * statements whatever the number of rows), and the resolver that settles each row on one stored
 * child, one child the import creates, or a refusal naming why.
 */
import type { EntityManager } from 'typeorm';
import { push, type ChildRef, type NewChild } from './model';
import type { ChildDetails, ContactRow } from './rows';

const lower = (s: string) => s.toLowerCase();
const nameKey = (d: ChildDetails) =>
  `${lower(d.familyName)}|${lower(d.givenName)}|${d.dateOfBirth}`;

/** A stored child, as matching rows against it needs it. */
export interface StoredChild {
  id: string;
  nhs_number: string | null;
  upn: string | null;
}

/** The stored children an import's rows could be, by what a row can name them by. */
export interface StoredChildren {
  /** The child ids given that are stored. */
  byId: Set<string>;
  byNhs: Map<string, StoredChild[]>;
  byUpn: Map<string, StoredChild[]>;
  /** By lower-cased family name, given name and date of birth. */
  byName: Map<string, StoredChild[]>;
}

/** The stored children the rows could be: by id, by NHS number or UPN, by names and birth date. */
export async function findChildren(m: EntityManager, rows: ContactRow[]): Promise<StoredChildren> {
  const ids = [...new Set(rows.filter((r) => r.childId).map((r) => r.childId as string))];
  const described = rows.filter((r) => r.details);
  const nhs = new Set(described.filter((r) => r.nhsNumber).map((r) => r.nhsNumber as string));
  const upns = new Set(described.filter((r) => r.upn).map((r) => r.upn as string));
  const names = new Map(described.map((r) => [nameKey(r.details as ChildDetails), r.details]));
  const byId = new Set(
    (
      (await m.query(`SELECT id FROM children WHERE id = ANY($1::text[])`, [ids])) as StoredChild[]
    ).map((c) => c.id),
  );
  const holders = (await m.query(
    `SELECT id, nhs_number, upn FROM children
      WHERE nhs_number = ANY($1::text[]) OR upn = ANY($2::text[]) ORDER BY id`,
    [[...nhs], [...upns]],
  )) as StoredChild[];
  const byNhs = new Map<string, StoredChild[]>();
  const byUpn = new Map<string, StoredChild[]>();
  for (const c of holders) {
    if (c.nhs_number && nhs.has(c.nhs_number)) push(byNhs, c.nhs_number, c);
    if (c.upn && upns.has(c.upn)) push(byUpn, c.upn, c);
  }
  // Names compare in the database's own lower(), as the front door's check does; the key each
  // match came from is its ordinal in the list sent.
  const keys = [...names.values()] as ChildDetails[];
  const namesakes = (await m.query(
    `SELECT k.n, c.id, c.nhs_number, c.upn
       FROM unnest($1::text[], $2::text[], $3::date[]) WITH ORDINALITY AS k(g, f, d, n)
       JOIN children c ON lower(c.family_name) = lower(k.f) AND c.date_of_birth = k.d
                      AND lower(c.given_name) = lower(k.g)
      ORDER BY c.id`,
    [keys.map((k) => k.givenName), keys.map((k) => k.familyName), keys.map((k) => k.dateOfBirth)],
  )) as (StoredChild & { n: number })[];
  const byName = new Map<string, StoredChild[]>();
  for (const c of namesakes) push(byName, nameKey(keys[c.n - 1]), c);
  return { byId, byNhs, byUpn, byName };
}

/**
 * Whom a described child is: a stored child holding its NHS number or UPN, else a child this
 * import already creates with one of them, else the one stored child (or child being created)
 * with the same names and date of birth, else a new child. Two holders of one identifier, an NHS
 * number and a UPN held by different children (stored, or created by this import), a namesake
 * holding a different identifier, or a row that would give a new child an identifier another child
 * holds are refused: the file must say which child with child_id, as a practitioner would.
 */
export class ChildResolver {
  private readonly createdByNhs = new Map<string, NewChild>();
  private readonly createdByUpn = new Map<string, NewChild>();
  private readonly createdByName = new Map<string, NewChild>();
  /**
   * Every child the rows resolved so far create, in the order first described: those of a
   * contact refused later too, so the caller keeps only the ones a contact it writes is about.
   */
  readonly created: NewChild[] = [];

  constructor(private readonly stored: StoredChildren) {}

  /** The child a contacts row is about, or why the row is refused. */
  resolve(row: ContactRow): { ref: ChildRef } | { problem: string } {
    if (row.childId) {
      return this.stored.byId.has(row.childId)
        ? { ref: { id: row.childId } }
        : { problem: `no child ${row.childId}: child_id must be a child the service holds` };
    }
    const d = row.details as ChildDetails;
    const nhsHolders = row.nhsNumber ? (this.stored.byNhs.get(row.nhsNumber) ?? []) : [];
    const upnHolders = row.upn ? (this.stored.byUpn.get(row.upn) ?? []) : [];
    for (const [what, holders] of [
      ['NHS number', nhsHolders],
      ['UPN', upnHolders],
    ] as const) {
      if (holders.length > 1) {
        return {
          problem: `the ${what} is held by ${holders.length} children (${holders.map((c) => c.id).join(', ')}): give child_id`,
        };
      }
    }
    if (nhsHolders[0] && upnHolders[0] && nhsHolders[0].id !== upnHolders[0].id) {
      return {
        problem: `the NHS number is ${nhsHolders[0].id}'s and the UPN is ${upnHolders[0].id}'s: give child_id`,
      };
    }
    // Whose each identifier is: a stored child's, else a child this import creates.
    const createdNhs = row.nhsNumber ? this.createdByNhs.get(row.nhsNumber) : undefined;
    const createdUpn = row.upn ? this.createdByUpn.get(row.upn) : undefined;
    const nhsChild = nhsHolders[0] ?? createdNhs;
    const upnChild = upnHolders[0] ?? createdUpn;
    if (nhsChild && upnChild && nhsChild !== upnChild) {
      const who = (c: StoredChild | NewChild) =>
        'nhs_number' in c ? c.id : 'a child another row creates';
      return {
        problem: `the NHS number and the UPN belong to different children (${who(nhsChild)}; ${who(upnChild)}): give child_id, or correct the one that is wrong`,
      };
    }
    const holder = nhsHolders[0] ?? upnHolders[0];
    if (holder) return { ref: { id: holder.id } };
    const createdHolder = createdNhs ?? createdUpn;
    if (createdHolder) return this.filled(createdHolder, row);

    const key = nameKey(d);
    const namesakes = this.stored.byName.get(key) ?? [];
    if (namesakes.length > 1) {
      return {
        problem: `${namesakes.length} children have these names and date of birth (${namesakes.map((c) => c.id).join(', ')}): give child_id`,
      };
    }
    const namesake = namesakes[0];
    if (namesake) {
      const clash = this.clash(row, namesake.nhs_number, namesake.upn);
      return clash
        ? {
            problem: `${namesake.id} has these names and date of birth but a different ${clash}: give child_id if it is that child, or correct the ${clash}`,
          }
        : { ref: { id: namesake.id } };
    }
    const createdNamesake = this.createdByName.get(key);
    if (createdNamesake) {
      const clash = this.clash(row, createdNamesake.nhsNumber, createdNamesake.upn);
      if (clash) {
        return {
          problem: `another row describes a new child with these names and date of birth but a different ${clash}: correct the ${clash}`,
        };
      }
      return this.filled(createdNamesake, row);
    }
    const child: NewChild = { ...d, id: null, nhsNumber: null, upn: null };
    const filled = this.filled(child, row);
    if ('ref' in filled) {
      this.created.push(child);
      this.createdByName.set(key, child);
    }
    return filled;
  }

  /** `fill`, as resolve's answer. */
  private filled(child: NewChild, row: ContactRow): { ref: ChildRef } | { problem: string } {
    const problem = this.fill(child, row);
    return problem ? { problem } : { ref: { created: child } };
  }

  /** The identifier a row and a child disagree on, if any. */
  private clash(row: ContactRow, nhs: string | null, upn: string | null): string | null {
    if (row.nhsNumber && nhs && row.nhsNumber !== nhs) return 'NHS number';
    if (row.upn && upn && row.upn !== upn) return 'UPN';
    return null;
  }

  /**
   * A later row may add an identifier (or a sex) the first row about a new child lacked, but never
   * one another child, stored or new, already holds: two children would then share it, and the
   * next import could match neither. Returns the problem, or null once filled.
   */
  private fill(child: NewChild, row: ContactRow): string | null {
    const takenBy = (
      byStored: Map<string, StoredChild[]>,
      byNew: Map<string, NewChild>,
      v: string,
    ) => (byStored.get(v)?.length ?? 0) > 0 || (byNew.has(v) && byNew.get(v) !== child);
    const addNhs = row.nhsNumber && !child.nhsNumber ? row.nhsNumber : null;
    const addUpn = row.upn && !child.upn ? row.upn : null;
    for (const [what, value, byStored, byNew] of [
      ['NHS number', addNhs, this.stored.byNhs, this.createdByNhs],
      ['UPN', addUpn, this.stored.byUpn, this.createdByUpn],
    ] as const) {
      if (value && takenBy(byStored, byNew, value)) {
        return `the ${what} is another child's: give child_id, or correct the ${what}`;
      }
    }
    if (addNhs) child.nhsNumber = addNhs;
    if (addUpn) child.upn = addUpn;
    if (child.nhsNumber) this.createdByNhs.set(child.nhsNumber, child);
    if (child.upn) this.createdByUpn.set(child.upn, child);
    if (child.sex === 'UNKNOWN' && row.details && row.details.sex !== 'UNKNOWN') {
      child.sex = row.details.sex;
    }
    if (!child.disability && row.details?.disability) child.disability = row.details.disability;
    return null;
  }
}
