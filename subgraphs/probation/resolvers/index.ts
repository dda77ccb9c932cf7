import { DateScalar, DateTimeScalar } from '../../../shared/scalars';
import { adultResolvers } from './Adult';
import { caseResolvers } from './case';
import { childResolvers } from './Child';
import { childViewResolvers } from './ChildView';

/**
 * Probation's resolvers: its section of a household adult (matched against its person index) and
 * of a child (matched against the children recorded on its cases), the child's chronology, and
 * what it disclosed in a decision-maker's view.
 */
export const resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  ...childResolvers,
  ...adultResolvers,
  ...caseResolvers,
  ...childViewResolvers,
};
