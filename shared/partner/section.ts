import type { GraphQLResolveInfo } from 'graphql';
import { discloseChildRecord } from '../disclosure';
import type { RequestScope } from '../subgraph';
import type { ChildWithRelationship } from './matching';

/** A partner's resolver of a field on `Child`, as Apollo calls it. */
export type ChildFieldResolver<TContext, TResult> = (
  child: ChildWithRelationship,
  args: unknown,
  ctx: TContext,
  info: GraphQLResolveInfo,
) => Promise<TResult>;

/**
 * The resolver of a partner's field on `Child` (its section, its chronology events): first the
 * disclosure rule every partner follows (`discloseChildRecord`: decided, recorded in the audit, a
 * refusal thrown beside a null), then `answer`, which matches the child against the agency's own
 * records (through a DataLoader, so a page of children costs what one does) and shapes the field.
 * `subject` names the field in the audit (`PoliceSection`, `HealthEvents`).
 */
export function partnerChildField<TContext extends RequestScope, TResult>(
  agency: string,
  subject: string,
  answer: (
    child: ChildWithRelationship,
    ctx: TContext,
    info: GraphQLResolveInfo,
  ) => Promise<TResult> | TResult,
): ChildFieldResolver<TContext, TResult> {
  return async (child, _args, ctx, info) => {
    discloseChildRecord(ctx, agency, child, { childId: child.id, subject, info });
    return answer(child, ctx, info);
  };
}
