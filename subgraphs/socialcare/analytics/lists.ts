/**
 * Ofsted's Annex A lists over the API (`Query.annexAList`): the CSV that `npm run report` writes
 * (exports/annexA.ts), for one list and period, returned whole as text in the response. Always
 * pseudonymised; bounded by ANNEX_A_LIST_MAX_ROWS (../settings.ts), past which the report is the way.
 */
import { Writable } from 'node:stream';
import { GraphQLError } from 'graphql';
import { badUserInput } from '../../../shared/errors';
import type { SocialcareContext } from '../context';
import { AnnexAListTooLong, exportAnnexAList, type AnnexAListName } from '../exports/annexA';
import { periodRange } from './period';

/**
 * The code of the refusal when socialcare has no pseudonym key. Not a user's error: the gateway
 * masks it in production (INTERNAL_SERVER_ERROR, logged with the request id).
 */
export const PSEUDONYM_KEY_NOT_CONFIGURED = 'PSEUDONYM_KEY_NOT_CONFIGURED';

export interface AnnexAListArgs {
  list: AnnexAListName;
  from: string;
  to: string;
}

/** `AnnexAListFile` as the schema has it. */
export interface AnnexAListFile {
  list: AnnexAListName;
  from: string;
  to: string;
  filename: string;
  rows: number;
  csv: string;
}

/** 'annex-a-list-1-2026-01-01-to-2026-03-31.csv': the list's number and the period. */
export function annexAListFilename({ list, from, to }: AnnexAListArgs): string {
  return `annex-a-list-${list.slice('LIST_'.length)}-${from}-to-${to}.csv`;
}

/**
 * What the audit records a request for a list under: the list and the period, e.g.
 * 'AnnexAList(LIST_1, 2026-01-01, 2026-03-31)'; never a child.
 */
export function annexAListSubject({ list, from, to }: AnnexAListArgs): string {
  return `AnnexAList(${list}, ${from}, ${to})`;
}

/** A Writable keeping every byte written to it, and the text they make once it has finished. */
function textSink(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  // Joined once at the end, so a character split across two chunks is never cut in two.
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/**
 * One list for a period, whole, with pseudonymised child ids (never the authority's own ids).
 * Who may ask is the caller's to decide (analytics/resolvers.ts). Refuses, in this order:
 * BAD_USER_INPUT naming the field for an invalid period (as every measure, `periodRange`);
 * PSEUDONYM_KEY_NOT_CONFIGURED when socialcare has no key; BAD_USER_INPUT on `to` when the list
 * would have more than `ctx.annexAListMaxRows` rows, with nothing of it returned.
 */
export async function annexAList(
  args: AnnexAListArgs,
  ctx: SocialcareContext,
): Promise<AnnexAListFile> {
  periodRange(args.from, args.to);
  if (!ctx.pseudonymKey) {
    throw new GraphQLError(
      'Annex A lists are not available: the socialcare service has no pseudonym key (PSEUDONYM_KEY)',
      { extensions: { code: PSEUDONYM_KEY_NOT_CONFIGURED } },
    );
  }
  const sink = textSink();
  try {
    const result = await exportAnnexAList(
      ctx.dataSource,
      args.list,
      {
        from: args.from,
        to: args.to,
        identified: false,
        pseudonymKey: ctx.pseudonymKey,
        maxRows: ctx.annexAListMaxRows,
      },
      sink.stream,
    );
    return {
      list: args.list,
      from: args.from,
      to: args.to,
      filename: annexAListFilename(args),
      rows: result.rows,
      csv: sink.text(),
    };
  } catch (error) {
    // What was written before the refusal is dropped with the sink: never a partial list.
    if (error instanceof AnnexAListTooLong) {
      throw badUserInput(
        'to',
        `The list would have more than ${error.maxRows.toLocaleString('en-GB')} rows: shorten the period, or use \`npm run report\``,
      );
    }
    throw error;
  }
}
