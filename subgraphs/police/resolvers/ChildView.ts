import { childViewDisclosureResolvers } from '../../../shared/partner/view-disclosures';
import type { PoliceContext } from '../context';

/**
 * Police's resolvers on a decision-maker's view of a child: what police disclosed, withheld or
 * refused in it (their own rows up to the decision); WITHHELD rows only to a POLICE reader
 * (shared/partner/view-disclosures.ts).
 */
export const childViewResolvers = {
  ChildView: childViewDisclosureResolvers<PoliceContext>(
    'POLICE',
    'policeDisclosures',
    (ctx) => ctx.loaders.viewDisclosuresByKey,
  ),
};
