import { childViewDisclosureResolvers } from '../../../shared/partner/view-disclosures';
import type { HealthContext } from '../context';

/**
 * Health's resolvers on a decision-maker's view of a child: what health disclosed, withheld or
 * refused in it (the decision-maker's own rows up to the decision); WITHHELD rows, which name
 * sensitive records, only to a HEALTH reader (shared/partner/view-disclosures.ts).
 */
export const childViewResolvers = {
  ChildView: childViewDisclosureResolvers<HealthContext>(
    'HEALTH',
    'healthDisclosures',
    (ctx) => ctx.loaders.viewDisclosuresByKey,
  ),
};
