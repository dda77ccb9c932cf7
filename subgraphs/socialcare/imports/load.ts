/**
 * The database half of an import: finds the children the rows name or describe (children.ts),
 * compares rows with what is already stored (plan.ts), and writes what is new (write.ts), each
 * table in a few statements whatever the number of rows. Runs inside the caller's transaction and
 * uses only its manager.
 */
import type { EntityManager } from 'typeorm';
import type { Principal } from '../../../shared/auth';
import { childIdOf, type ImportRows, type NewRecords, type Rejection } from './model';
import { planImport, type ImportPlan } from './plan';
import { writeRecords } from './write';

/** What an import created and left as it was. */
export interface LoadCounts {
  created: { contacts: number; children: number; referrals: number; assessments: number };
  unchanged: { contacts: number; referrals: number; assessments: number };
  /** Existing children the new contacts are about (by child_id, identifier or names). */
  childrenMatched: number;
}

/**
 * Checks every row against the database and the rest of the import, then, when nothing is
 * rejected, writes what is new with its audit rows and moves the number sequences past the
 * file's ids. With rejections, or with `dryRun`, nothing is written and the counts are those it
 * would have made. A dry run stops before writing because sequences are not transactional: the
 * numbers it drew (new children's ids, audit and rating row ids) and `sync_number_sequences()`
 * would stay drawn after the rollback. Every check is made before writing, so a dry run rejects
 * what a real run would. Call inside a transaction; `now` is the instant of the audit rows and new
 * children's creation.
 */
export async function loadRows(
  m: EntityManager,
  rows: ImportRows,
  principal: Principal,
  now: Date,
  options: { dryRun?: boolean } = {},
): Promise<{ counts: LoadCounts; rejections: Rejection[] }> {
  const rejections: Rejection[] = [];

  // Serialises imports with each other and with the front door creating children, so the
  // children matched here are the children there are when this commits.
  await m.query(`LOCK TABLE children IN SHARE ROW EXCLUSIVE MODE`);

  const plan = await planImport(m, rows, (row, reason) =>
    rejections.push({ file: row.file, line: row.line, reason }),
  );
  const records = newRecords(plan);
  const counts = countsOf(plan, records);
  if (rejections.length > 0 || options.dryRun) return { counts, rejections };
  const { newContacts, newReferrals, newAssessments } = records;
  if (newContacts.length + newReferrals.length + newAssessments.length === 0) {
    return { counts, rejections };
  }

  await writeRecords(m, records, principal, now);
  return { counts, rejections };
}

/** What of the plan is not stored yet: the children only those new contacts are about. */
function newRecords(plan: ImportPlan): NewRecords {
  const newContacts = [...plan.contacts.values()].filter((c) => !c.unchanged);
  const usedChildren = newContacts.flatMap((c) => c.children.map((p) => p.ref));
  const createdUsed = new Set(usedChildren.map((ref) => ('created' in ref ? ref.created : null)));
  return {
    newChildren: plan.created.filter((child) => createdUsed.has(child)),
    newContacts,
    newReferrals: [...plan.referrals.values()].filter((r) => !r.unchanged),
    newAssessments: [...plan.assessments.values()].filter((a) => !a.unchanged),
  };
}

/** Counts as the import stands, whether or not it is written. */
function countsOf(plan: ImportPlan, records: NewRecords): LoadCounts {
  const { newChildren, newContacts, newReferrals, newAssessments } = records;
  const usedChildren = newContacts.flatMap((c) => c.children.map((p) => p.ref));
  return {
    created: {
      contacts: newContacts.length,
      children: newChildren.length,
      referrals: newReferrals.length,
      assessments: newAssessments.length,
    },
    unchanged: {
      contacts: plan.contacts.size - newContacts.length,
      referrals: plan.referrals.size - newReferrals.length,
      assessments: plan.assessments.size - newAssessments.length,
    },
    childrenMatched: new Set(usedChildren.filter((ref) => 'id' in ref).map((ref) => childIdOf(ref)))
      .size,
  };
}
