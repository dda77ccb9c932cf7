/**
 * What the stages of an import's database half hand each other: the rows as read, the children
 * they resolve to, the plan of what to create, and the rejections. Types and small helpers only.
 */
import type { AssessmentRow, ChildDetails, ContactRow, ReferralRow } from './rows';

/** A row refused: the file, the line it starts on (the header is line 1) and why. */
export interface Rejection {
  file: string;
  line: number;
  reason: string;
}

/** Records a row's rejection; every stage reports through one, in the order it checks. */
export type Reject = (row: { file: string; line: number }, reason: string) => void;

/**
 * A row of a file, with the file it came from and that file's columns: a re-import compares only
 * what the file says (a file without `rag` leaves the stored rating out of the comparison).
 */
export type Located<T> = T & { file: string; columns: ReadonlySet<string> };

/** What the rows of one import hold, already valid row by row. */
export interface ImportRows {
  contacts: Located<ContactRow>[];
  referrals: Located<ReferralRow>[];
  assessments: Located<AssessmentRow>[];
  /** Every contact and referral id the files give, on valid rows or not. */
  given: { contacts: Set<string>; referrals: Set<string> };
}

/** A child the import creates, numbered only once nothing is rejected (write.ts). */
export interface NewChild extends ChildDetails {
  id: string | null;
  nhsNumber: string | null;
  upn: string | null;
}

/** A child as a row resolves it: one already stored, or one this import creates. */
export type ChildRef = { id: string } | { created: NewChild };

/** The child's id; for a created child, only once it is numbered. */
export function childIdOf(ref: ChildRef): string {
  return 'id' in ref ? ref.id : (ref.created.id as string);
}

/** Whether two refs are the same child: the same stored id, or the same created child. */
export function sameChild(a: ChildRef, b: ChildRef): boolean {
  return 'id' in a ? 'id' in b && a.id === b.id : 'created' in b && a.created === b.created;
}

/** One row of a contact: the child it is about. */
export interface PlannedChild {
  row: Located<ContactRow>;
  ref: ChildRef;
}

/** One contact of the file: its first row's contact fields and a row per child. */
export interface PlannedContact {
  id: string;
  first: Located<ContactRow>;
  children: PlannedChild[];
  /** Already stored with the same content: nothing to write. */
  unchanged: boolean;
}

/** One referral of the file, with the child of its contact it is for. */
export interface PlannedReferral {
  row: Located<ReferralRow>;
  child: ChildRef;
  unchanged: boolean;
}

/** One assessment of the file, with the child of its referral. */
export interface PlannedAssessment {
  row: Located<AssessmentRow>;
  child: ChildRef;
  unchanged: boolean;
}

/** What an import writes: only what is not stored already. */
export interface NewRecords {
  newChildren: NewChild[];
  newContacts: PlannedContact[];
  newReferrals: PlannedReferral[];
  newAssessments: PlannedAssessment[];
}

/** An instant as the database's text compares it; null stays null. */
export const iso = (d: Date | null) => (d === null ? null : d.toISOString());

/** Whether two instants (or nulls) are the same. */
export const same = (a: Date | null, b: Date | null) => iso(a) === iso(b);

/** Appends `value` to the list under `key`, starting the list when there is none. */
export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
