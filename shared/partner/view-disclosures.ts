import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import type { DataSource } from 'typeorm';
import type { Agency } from '../auth';
import { discloseChildRecord } from '../disclosure';
import { badUserInput } from '../errors';
import type { RequestScope } from '../subgraph';

/**
 * "What the decision-maker knew": each partner extends socialcare's `ChildView` (one view of a
 * child a decision-maker had before a threshold decision) with the rows of its own audit log for
 * that view.
 *
 * A view's rows are the partner's READ rows (DISCLOSED, WITHHELD or DENIED) with the view's
 * request id and child, written for the view's decision-maker (`user_id = viewerId`) no later
 * than the decision (`occurred_at <= until`). Request ids come from the client's X-Request-Id
 * header, so another user, or the same user after deciding, may reuse one: their rows are not
 * what the decision-maker knew and are never returned.
 *
 * Who reads the rows decides which of them are shown. A reader of the owning agency itself
 * (`principal.user.agency` is the partner's agency) sees every row. Any other reader sees only
 * the DISCLOSED and DENIED rows: a WITHHELD row names what that reader may not know (health's
 * `CamhsReferral <id>` says a CAMHS referral exists; police's `IntelligenceItem <id>` names a
 * C-coded item it hid), so it is left out entirely: not counted, not summarised.
 */

/**
 * One view of a child a decision-maker had, as the gateway hands it to a partner: socialcare's
 * key (contact, child, request id), the decision-maker and the decision's instant, and the
 * local authority's relationship grant about the child now, which the partner's disclosure rule
 * verifies (its `@requires` fields).
 */
export interface ChildViewReference {
  relationshipGrant?: string | null;
  contactId: string;
  childId: string;
  requestId: string;
  /** The decision-maker whose view it was (their user id, as the audit log records it). */
  viewerId: string;
  /** The decision's instant, as the `DateTime` socialcare serialised (ISO 8601). */
  until: string;
}

/** The outcomes of a read an agency records: what a decision-maker was, or was not, shown. */
export type ViewDisclosureOutcome = 'DISCLOSED' | 'WITHHELD' | 'DENIED';

/** One row of an agency's own audit log: what it disclosed, withheld or refused in one request. */
export interface ViewDisclosure {
  agency: Agency;
  /** The row's `seq` in the agency's hash-chained audit log. */
  auditSeq: string;
  at: Date;
  subject: string;
  /** Field names, never values. */
  fields: string[];
  outcome: ViewDisclosureOutcome;
  /** The basis of a disclosure or the code of a refusal. */
  reason: string | null;
}

/**
 * What identifies a view's rows in a partner's audit log: the request it was made in, the child
 * it was of, the user who made it and the decision's instant.
 */
export interface ChildViewKey {
  requestId: string;
  childId: string;
  viewerId: string;
  until: Date;
}

/** A loader of one agency's audit rows per view, built fresh for every request. */
export type ViewDisclosuresLoader = DataLoader<ChildViewKey, ViewDisclosure[], string>;

// JSON of all four, not a joined string: two different views can never share a key, whatever
// characters the ids hold; the instant is normalised, so one instant written two ways is one key.
const keyOf = (view: ChildViewKey): string =>
  JSON.stringify([view.requestId, view.childId, view.viewerId, view.until.toISOString()]);

interface Row {
  /** The 1-based position of the view in the batch. */
  view: number;
  auditSeq: string;
  at: Date | string;
  subject: string;
  fields: string[];
  outcome: ViewDisclosureOutcome;
  reason: string | null;
}

/**
 * Each view's rows in `agency`'s own audit log: the reads recorded for the view's request about
 * its child (disclosed, withheld or denied) by the view's decision-maker up to the decision's
 * instant, in the order of the chain. Every row, WITHHELD included: which of them a reader may
 * see is the resolver's business (`childViewDisclosureResolvers`). One statement for the whole
 * batch, however many views; nothing but the audit log is read.
 */
export function createViewDisclosuresLoader(
  dataSource: DataSource,
  agency: Agency,
): ViewDisclosuresLoader {
  return new DataLoader<ChildViewKey, ViewDisclosure[], string>(
    async (views) => {
      // Rows are matched to views by position, so a row that belongs to two views (the same
      // request, child and user, two instants) is given to both.
      const rows = (await dataSource.query(
        `SELECT v.i::int AS "view", a.seq::text AS "auditSeq", a.occurred_at AS "at",
                a.subject, a.fields, a.outcome, a.reason
           FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[])
                  WITH ORDINALITY AS v(request_id, child_id, user_id, until, i)
           JOIN audit_log a
             ON a.request_id = v.request_id
            AND a.child_id = v.child_id
            AND a.user_id = v.user_id
            AND a.occurred_at <= v.until
          WHERE a.action = 'READ'
            AND a.outcome IN ('DISCLOSED', 'WITHHELD', 'DENIED')
          ORDER BY v.i, a.seq`,
        [
          views.map((v) => v.requestId),
          views.map((v) => v.childId),
          views.map((v) => v.viewerId),
          views.map((v) => v.until.toISOString()),
        ],
      )) as Row[];
      const byView: ViewDisclosure[][] = views.map(() => []);
      for (const { view, at, ...row } of rows) {
        byView[view - 1].push({ agency, ...row, at: new Date(at) });
      }
      return byView;
    },
    { cacheKeyFn: keyOf },
  );
}

/**
 * The rows of `agency`'s audit log a reader may see: all of them for a reader of that agency;
 * for anyone else, only the DISCLOSED and DENIED rows (a WITHHELD row names what they may not
 * know, so it is left out entirely).
 */
export function visibleDisclosures(
  scope: RequestScope,
  agency: Agency,
  rows: readonly ViewDisclosure[],
): ViewDisclosure[] {
  if (scope.principal.user.agency === agency) return [...rows];
  return rows.filter((r) => r.outcome !== 'WITHHELD');
}

/** The decision's instant of a view as given, or an error naming the field. */
function untilOf(view: ChildViewReference): Date {
  const until = new Date(view.until);
  if (typeof view.until !== 'string' || Number.isNaN(until.getTime())) {
    throw badUserInput('until', 'ChildView.until must be an ISO 8601 instant');
  }
  return until;
}

/**
 * A partner's resolvers on socialcare's `ChildView`: the reference as given (nothing to read), and
 * `field`, the agency's own audit rows for the view (the view's decision-maker's, up to the
 * decision), under its normal rule for a child's records (`discloseChildRecord` on the
 * relationship grant now), WITHHELD rows left out for a reader outside the agency (`visibleDisclosures`). The
 * read is itself audited, as `ChildView.<field>`, and a refusal is null with the usual coded
 * error.
 */
export function childViewDisclosureResolvers<C extends RequestScope>(
  agency: Agency,
  field: string,
  loaderOf: (ctx: C) => ViewDisclosuresLoader,
) {
  return {
    __resolveReference: (ref: ChildViewReference) => ref,
    [field]: async (
      view: ChildViewReference,
      _: unknown,
      ctx: C,
      info: GraphQLResolveInfo,
    ): Promise<ViewDisclosure[]> => {
      const until = untilOf(view);
      const child = { id: view.childId, relationshipGrant: view.relationshipGrant };
      discloseChildRecord(ctx, agency, child, {
        childId: view.childId,
        subject: `ChildView.${field}`,
        info,
      });
      const rows = await loaderOf(ctx).load({
        requestId: view.requestId,
        childId: view.childId,
        viewerId: view.viewerId,
        until,
      });
      return visibleDisclosures(ctx, agency, rows);
    },
  };
}
