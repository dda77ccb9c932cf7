import type { GraphQLResolveInfo } from 'graphql';
import { AccessCode, refuse } from '../access';
import { isAdultOn } from '../age';
import { discloseChildRecord, enforce, type DisclosureRequest } from '../disclosure';
import type { RequestScope } from '../subgraph';
import { localDate } from '../time';
import type { ChildWithRelationship } from './matching';

/** A partner's resolver of a field on `Child`, as Apollo calls it. */
export type ChildFieldResolver<TContext, TResult> = (
  child: ChildWithRelationship,
  args: unknown,
  ctx: TContext,
  info: GraphQLResolveInfo,
) => Promise<TResult>;

/**
 * Refuses a `Child` field for someone 18 or over today (Europe/London) by the date of birth the
 * representation carries, whatever else it says: FORBIDDEN_NOT_A_CHILD, recorded as DENIED
 * (shared/disclosure.ts `enforce`). An adult's records are disclosed only as a household adult's,
 * under the rule for adults. Returns normally for a child, or one with no date of birth (unborn).
 */
export function refuseAdultSubject(
  scope: RequestScope,
  agency: string,
  child: Pick<ChildWithRelationship, 'dateOfBirth'>,
  request: DisclosureRequest,
): void {
  const today = localDate(scope.now);
  if (!child.dateOfBirth || !isAdultOn(child.dateOfBirth, today)) return;
  enforce(
    scope,
    refuse(
      AccessCode.FORBIDDEN_NOT_A_CHILD,
      `${agency} discloses a child's records only for a child: the date of birth given makes this person 18 or over today. An adult's records are disclosed only as a household adult's`,
    ),
    request,
  );
}

/**
 * The resolver of a partner's field on `Child` (its section, its chronology events): first the
 * rules every partner follows (`refuseAdultSubject`: never a section of an adult; then
 * `discloseChildRecord`: decided, recorded in the audit, a refusal thrown beside a null), then
 * `answer`, which matches the child against the agency's own records (through a DataLoader, so a
 * page of children costs what one does) and shapes the field. `subject` names the field in the
 * audit (`PoliceSection`, `HealthEvents`).
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
    refuseAdultSubject(ctx, agency, child, { childId: child.id, subject, info });
    discloseChildRecord(ctx, agency, child, { childId: child.id, subject, info });
    return answer(child, ctx, info);
  };
}
