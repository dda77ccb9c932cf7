import { childViewDisclosureResolvers } from '../../../shared/view-disclosures';
import type { HealthContext } from '../context';

/** Health's resolvers on a decision-maker's view of a child: what health disclosed in it. */
export const childViewResolvers = {
  ChildView: childViewDisclosureResolvers<HealthContext>(
    'HEALTH',
    'healthDisclosures',
    (ctx) => ctx.loaders.viewDisclosuresByKey,
  ),
};
