import type { GraphQLResolveInfo } from 'graphql';
import {
  AccessCode,
  accessError,
  decideChildRecord,
  LAWFUL_BASIS,
  refuse,
  refuseByRole,
  type AccessDecision,
} from './access';
import type { Agency } from './auth';
import type { GrantSubject } from './grants';
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

/** A partner's entity representation: its id and the relationship grant the lead signed for it. */
export interface GrantedReference {
  id: string;
  relationshipGrant?: string | null;
}

/**
 * A partner's gate on its child-level records about a child or a household adult: the user's role
 * first (shared/access.ts `refuseByRole`), then the relationship grant that came with the
 * representation, verified against the lead's key (a grant it cannot trust is refused as
 * FORBIDDEN_INVALID_GRANT and recorded as DENIED), then the basis it grants
 * (`decideChildRecord`). Records the outcome and throws a refusal; returns normally when the
 * record may be disclosed. `subjectType` says whether `reference` is a child or an adult.
 */
export function discloseChildRecord(
  scope: RequestScope,
  owner: Agency,
  reference: GrantedReference,
  request: DisclosureRequest,
  subjectType: GrantSubject['type'] = 'Child',
): void {
  const byRole = refuseByRole(scope.principal, owner);
  if (byRole) enforce(scope, byRole, request);
  const check = scope.grants.check(reference.relationshipGrant, {
    type: subjectType,
    id: reference.id,
  });
  if (!check.trusted) {
    enforce(
      scope,
      refuse(
        AccessCode.FORBIDDEN_INVALID_GRANT,
        `${owner} cannot trust the local authority's relationship grant for this ${subjectType.toLowerCase()}: ${check.problem}`,
      ),
      request,
    );
  }
  enforce(
    scope,
    decideChildRecord(scope.principal, owner, check.trusted ? check.basis : null),
    request,
  );
}
