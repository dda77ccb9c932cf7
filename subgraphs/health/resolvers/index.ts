import { DateScalar, DateTimeScalar } from '../../../shared/scalars';
import { adultResolvers } from './Adult';
import { childResolvers } from './Child';
import { childViewResolvers } from './ChildView';
import { recordResolvers } from './records';

/**
 * Health's resolvers: its sections of the child and of household adults, matched against its own
 * patient index, the child's health chronology, and what health disclosed in a decision-maker's
 * view of the child.
 */
export const resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  ...childResolvers,
  ...adultResolvers,
  ...recordResolvers,
  ...childViewResolvers,
};
