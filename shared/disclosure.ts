import type { GraphQLResolveInfo } from 'graphql';
import {
  accessError,
  decideChildRecord,
  LAWFUL_BASIS,
  type AccessDecision,
  type Relationship,
} from './access';
import type { Agency } from './auth';
import { selectedFields } from './audit';
import type { RequestScope } from './subgraph';

/** What a resolver is about to disclose, or refuse: which child, which subject, which fields. */
export interface DisclosureRequest {
  childId: string | null;
  /** What is asked for, e.g. `PoliceSection`, `Child.household`. */
  subject: string;
  /** The field names asked for; defaults to the resolver's selection. */
  fields?: string[];
  info: GraphQLResolveInfo;
}

/**
 * Records the outcome of an access decision in the request's audit and, when it refuses, throws
 * the error that travels beside the null: the one place every resolver turns a rule into a
 * disclosure, a withholding or a denial. `refusal` is the outcome recorded when refused:
 * DENIED for a whole record, WITHHELD for a part of one that was otherwise disclosed.
 */
export function enforce(
  scope: RequestScope,
  decision: AccessDecision,
  request: DisclosureRequest,
  refusal: 'DENIED' | 'WITHHELD' = 'DENIED',
): void {
  const fields = request.fields ?? selectedFields(request.info);
  if (!decision.allowed) {
    scope.audit.record({
      action: 'READ',
      subject: request.subject,
      childId: request.childId,
      fields,
      outcome: refusal,
      reason: decision.code,
      lawfulBasis: null,
    });
    throw accessError(decision);
  }
  scope.audit.record({
    action: 'READ',
    subject: request.subject,
    childId: request.childId,
    fields,
    outcome: 'DISCLOSED',
    reason: decision.basis,
    lawfulBasis: LAWFUL_BASIS,
  });
}

/**
 * The gate on every agency's child-level records: decides (shared/access.ts `decideChildRecord`),
 * records, and throws a refusal. Returns normally when the section may be disclosed.
 */
export function discloseChildRecord(
  scope: RequestScope,
  owner: Agency,
  relationship: Relationship,
  request: DisclosureRequest,
): void {
  enforce(scope, decideChildRecord(scope.principal, owner, relationship), request);
}
