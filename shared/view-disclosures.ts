import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import type { DataSource } from 'typeorm';
import type { Relationship } from './access';
import type { Agency } from './auth';
import { discloseChildRecord } from './disclosure';
import type { RequestScope } from './subgraph';

/**
 * One view of a child a decision-maker had, as the gateway hands it to a partner: socialcare's
 * key (the request id of the view and socialcare's child id) and the child's relationship facts
 * now, which the partner's disclosure rule needs (its `@requires` fields).
 */
export interface ChildViewReference extends Relationship {
  requestId: string;
  childId: string;
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

/** A view's key: the request it was made in and the child it was of. */
export interface ChildViewKey {
  requestId: string;
  childId: string;
}

/** A loader of one agency's audit rows per view, built fresh for every request. */
export type ViewDisclosuresLoader = DataLoader<ChildViewKey, ViewDisclosure[], string>;

// JSON, not `${requestId}|${childId}`: two different pairs can never share a key, whatever
// characters the ids hold.
const keyOf = (view: ChildViewKey): string => JSON.stringify([view.requestId, view.childId]);

interface Row {
  requestId: string;
  childId: string;
  auditSeq: string;
  at: Date | string;
  subject: string;
  fields: string[];
  outcome: ViewDisclosureOutcome;
  reason: string | null;
}

/**
 * Each view's rows in `agency`'s own audit log: the reads recorded for the view's request about
 * its child (disclosed, withheld or denied), in the order of the chain. One statement for the
 * whole batch, however many views; nothing but the audit log is read.
 */
export function createViewDisclosuresLoader(
  dataSource: DataSource,
  agency: Agency,
): ViewDisclosuresLoader {
  return new DataLoader<ChildViewKey, ViewDisclosure[], string>(
    async (views) => {
      const rows = (await dataSource.query(
        `SELECT a.request_id AS "requestId", a.child_id AS "childId", a.seq::text AS "auditSeq",
                a.occurred_at AS "at", a.subject, a.fields, a.outcome, a.reason
           FROM audit_log a
          WHERE (a.request_id, a.child_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))
            AND a.action = 'READ'
            AND a.outcome IN ('DISCLOSED', 'WITHHELD', 'DENIED')
          ORDER BY a.seq`,
        [views.map((v) => v.requestId), views.map((v) => v.childId)],
      )) as Row[];
      const byView = new Map<string, ViewDisclosure[]>();
      for (const { requestId, childId, at, ...row } of rows) {
        const key = keyOf({ requestId, childId });
        const disclosure: ViewDisclosure = { agency, ...row, at: new Date(at) };
        const group = byView.get(key);
        if (group) group.push(disclosure);
        else byView.set(key, [disclosure]);
      }
      return views.map((v) => byView.get(keyOf(v)) ?? []);
    },
    { cacheKeyFn: keyOf },
  );
}

/**
 * A partner's resolvers on socialcare's `ChildView`: the reference as given (nothing to read), and
 * `field`, the agency's own audit rows for the view, under its normal rule for a child's records
 * (`decideChildRecord` on the relationship facts now); the read is itself audited, as
 * `ChildView.<field>`, and a refusal is null with the usual coded error.
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
      discloseChildRecord(ctx, agency, view, {
        childId: view.childId,
        subject: `ChildView.${field}`,
        info,
      });
      return loaderOf(ctx).load({ requestId: view.requestId, childId: view.childId });
    },
  };
}
