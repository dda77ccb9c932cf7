import type { GraphQLResolveInfo } from 'graphql';
import { selectedFields } from '../../../shared/audit';
import { enforce } from '../../../shared/disclosure';
import { badUserInput } from '../../../shared/errors';
import type { SocialcareContext } from '../context';
import { contactFields, inSnapshot, readContacts } from './snapshot';
import * as valid from './validate';
import { dueSql } from '../clocks';

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

/** A cursor's instant as `encodeCursor` writes it: ISO 8601 in UTC, to the millisecond. */
const CURSOR_INSTANT = /^(\d{4})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** A contact's id: the service's own (`CT0012345`) or an imported file's (imports/rows.ts). */
const CURSOR_ID = /^[A-Za-z0-9_/-]{1,64}$/;

/**
 * The position a cursor names, or BAD_USER_INPUT on `after` for anything `encodeCursor` could not
 * have written: not base64url JSON of two strings, an instant that is not a real one in the
 * canonical form (a 30 February, a year outside 1900 to 9999, which PostgreSQL would refuse with
 * an internal error), or an id no contact could have.
 */
function decodeCursor(text: string): Cursor {
  try {
    const decoded = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(decoded) && decoded.length === 2) {
      const [due, id] = decoded as unknown[];
      const year = typeof due === 'string' ? CURSOR_INSTANT.exec(due)?.[1] : undefined;
      if (
        year !== undefined &&
        Number(year) >= 1900 &&
        new Date(due as string).toISOString() === due &&
        typeof id === 'string' &&
        CURSOR_ID.test(id)
      ) {
        return { due: due as string, id };
      }
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
    ${dueSql.decision24Hours('c.received_at')},
    c.decision_due_working_day_at,
    CASE WHEN c.rag_stopped_at IS NULL THEN c.rag_due_at END,
    (SELECT min(p.due_at) FROM partner_checks p
      WHERE p.contact_id = c.id AND p.answered_at IS NULL AND p.withdrawn_at IS NULL)))`;

/**
 * The page and the total, in one statement: $1-$4 the filters on RAG, stage, team and source,
 * $5 overdue (at $6, now), $7-$8 the cursor, $9 the rows wanted (one more than the page, to know
 * whether another follows).
 */
const PAGE_SQL = `WITH open AS (
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
          LIMIT $9) AS p ON true`;

/**
 * One page of the MASH queue: open contacts by their earliest running due instant, then id. One
 * statement finds the page and the total; the rows' contacts and what they show are read with it
 * in one snapshot (snapshot.ts: one statement per part, whatever the page size) and primed into
 * the request's loaders, and every child shown is recorded. See the schema's `mashQueue`.
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
  const fields = selectedFields(info);
  // One snapshot for the page and everything its rows show: a contact decided meanwhile is either
  // on the page with its child's open contact, or off it, never open with its child's closed.
  const { total, found, rows } = await inSnapshot(ctx.dataSource, async (m) => {
    const paged = (await m.query(PAGE_SQL, [
      f.rag?.length ? f.rag : null,
      f.stage?.length ? f.stage : null,
      f.team?.length ? f.team : null,
      f.source?.length ? f.source.map((s) => s.toUpperCase()) : null,
      f.overdue ?? null,
      ctx.now,
      cursor?.due ?? null,
      cursor?.id ?? null,
      first + 1,
    ])) as { id: string | null; nextDue: Date; total: number }[];
    const hits = paged.filter(
      (r): r is { id: string; nextDue: Date; total: number } => r.id !== null,
    );
    const shown = await readContacts(
      m,
      ctx,
      hits.slice(0, first).map((r) => r.id),
      contactFields(fields, 'edges.node.'),
    );
    return { total: paged[0].total, found: hits, rows: shown };
  });
  const page = found.slice(0, first);
  const dueOf = new Map(page.map((r) => [r.id, r.nextDue]));
  // Every child shown is disclosed on the ground of its open contact.
  for (const { decisions } of rows) {
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
    edges: rows.map(({ contact }) => ({
      cursor: encodeCursor(dueOf.get(contact.id) as Date, contact.id),
      node: contact,
    })),
    pageInfo: {
      hasNextPage: found.length > first,
      endCursor: page.length
        ? encodeCursor(page[page.length - 1].nextDue, page[page.length - 1].id)
        : null,
    },
    totalCount: total,
  };
}
