import { DateScalar, DateTimeScalar } from '../../../shared/scalars';
import { adultResolvers } from './Adult';
import { childResolvers } from './Child';
import { childViewResolvers } from './ChildView';
import { intelligenceResolvers } from './intelligence';
import { sectionResolvers } from './section';

/**
 * Police's resolvers: its section of a child and of a household adult, and the child's chronology,
 * each matched against its own person index; and what it disclosed in a decision-maker's view.
 */
export const resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  ...childResolvers,
  ...adultResolvers,
  ...childViewResolvers,
  ...intelligenceResolvers,
  ...sectionResolvers,
};
