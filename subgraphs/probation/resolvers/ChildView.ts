import { childViewDisclosureResolvers } from '../../../shared/partner/view-disclosures';
import type { ProbationContext } from '../context';

/**
 * Probation's resolvers on a decision-maker's view of a child: what probation disclosed, withheld
 * or refused in it (their own rows up to the decision); WITHHELD rows only to a PROBATION reader
 * (shared/partner/view-disclosures.ts).
 */
export const childViewResolvers = {
  ChildView: childViewDisclosureResolvers<ProbationContext>(
    'PROBATION',
    'probationDisclosures',
    (ctx) => ctx.loaders.viewDisclosuresByKey,
  ),
};
