import type { GraphQLResolveInfo } from 'graphql';
import { selectedFields } from '../../../shared/audit';
import { enforce } from '../../../shared/disclosure';
import { badUserInput } from '../../../shared/errors';
import type { SocialcareContext } from '../context';
import type { Contact } from '../entities';
import * as valid from './validate';

export interface MashQueueFilter {
  rag?: string[] | null;
  stage?: string[] | null;
  team?: string[] | null;
  source?: string[] | null;
  overdue?: boolean | null;
}

export interface MashQueueArgs {
  first?: number | null;
  after?: string | null;
  filter?: MashQueueFilter | null;
}

interface Cursor {
  due: string;
  id: string;
}

function encodeCursor(due: Date, id: string): string {
  return Buffer.from(JSON.stringify([due.toISOString(), id])).toString('base64url');
}

function decodeCursor(text: string): Cursor {
  try {
    const [due, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if (typeof due === 'string' && typeof id === 'string' && !Number.isNaN(Date.parse(due))) {
      return { due, id };
    }
  } catch {
    // Reported below.
  }
  throw badUserInput(
    'after',
    '`after` must be a cursor this queue returned (`pageInfo.endCursor`)',
  );
}

/**
 * The earliest due instant among an open contact's running clocks, in SQL: the same rule as
 * frontdoor/clocks.ts `nextDueAt` (the 24-hour KPI, the one-working-day deadline, the RAG response
 * while it runs, and each outstanding check), over the stored due instants. Truncated to the
 * millisecond, as the cursor and the API carry it, so a page boundary never repeats a row.
 */
const NEXT_DUE_SQL = `
  date_trunc('milliseconds', least(
    c.received_at + interval '24 hours',
    c.decision_due_working_day_at,
    CASE WHEN c.rag_stopped_at IS NULL THEN c.rag_due_at END,
    (SELECT min(p.due_at) FROM partner_checks p
      WHERE p.contact_id = c.id AND p.answered_at IS NULL AND p.withdrawn_at IS NULL)))`;

/**
 * One page of the MASH queue: open contacts by their earliest running due instant, then id. One
 * statement finds the page and the total; the contacts come through the loader (one more), and
 * every child shown is recorded. See the schema's `mashQueue`.
 */
export async function mashQueue(
  args: MashQueueArgs,
  ctx: SocialcareContext,
  info: GraphQLResolveInfo,
) {
  valid.requireMashRole(ctx, 'work the MASH queue');
  const first = args.first ?? 50;
  if (!Number.isInteger(first) || first < 1 || first > 200) {
    throw badUserInput('first', '`first` must be between 1 and 200');
  }
  const cursor = args.after ? decodeCursor(args.after) : null;
  const f = args.filter ?? {};
  const rows = (await ctx.dataSource.query(
    `WITH open AS (
       SELECT c.id, ${NEXT_DUE_SQL} AS next_due
         FROM contacts c
        WHERE c.closed_at IS NULL
          AND ($1::text[] IS NULL OR c.rag = ANY($1))
          AND ($2::text[] IS NULL OR c.stage = ANY($2))
          AND ($3::text[] IS NULL OR c.team = ANY($3))
          AND ($4::text[] IS NULL OR c.source_code = ANY($4))
     ), filtered AS (
       SELECT id, next_due FROM open WHERE $5::boolean IS NULL OR (next_due < $6) = $5
     )
     SELECT (SELECT count(*)::int FROM filtered) AS total, p.id, p.next_due AS "nextDue"
       FROM (SELECT 1) AS one
       LEFT JOIN LATERAL (
         SELECT id, next_due FROM filtered
          WHERE $7::timestamptz IS NULL OR (next_due, id) > ($7::timestamptz, $8::text)
          ORDER BY next_due, id
          LIMIT $9) AS p ON true`,
    [
      f.rag?.length ? f.rag : null,
      f.stage?.length ? f.stage : null,
      f.team?.length ? f.team : null,
      f.source?.length ? f.source.map((s) => s.toUpperCase()) : null,
      f.overdue ?? null,
      ctx.now,
      cursor?.due ?? null,
      cursor?.id ?? null,
      first + 1,
    ],
  )) as { id: string | null; nextDue: Date; total: number }[];
  const total = rows[0].total;
  const found = rows.filter(
    (r): r is { id: string; nextDue: Date; total: number } => r.id !== null,
  );
  const page = found.slice(0, first);
  const contacts = (await ctx.loaders.contactById.loadMany(page.map((r) => r.id))).filter(
    (c): c is Contact => c !== null && !(c instanceof Error),
  );
  // Every child shown is disclosed on the ground of its open contact.
  const fields = selectedFields(info);
  const onContacts = await ctx.loaders.decisionsByContactId.loadMany(contacts.map((c) => c.id));
  for (const decisions of onContacts) {
    if (decisions instanceof Error) throw decisions;
    for (const d of decisions) {
      enforce(
        ctx,
        { allowed: true, basis: 'OPEN_CONTACT' },
        {
          childId: d.childId,
          subject: 'MashQueue',
          fields,
          info,
        },
      );
    }
  }
  return {
    edges: contacts.map((node, i) => ({ cursor: encodeCursor(page[i].nextDue, node.id), node })),
    pageInfo: {
      hasNextPage: found.length > first,
      endCursor: page.length
        ? encodeCursor(page[page.length - 1].nextDue, page[page.length - 1].id)
        : null,
    },
    totalCount: total,
  };
}
