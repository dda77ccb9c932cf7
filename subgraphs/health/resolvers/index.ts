import { DateScalar, DateTimeScalar } from '../../../shared/scalars';
import { adultResolvers } from './Adult';
import { childResolvers } from './Child';
import { recordResolvers } from './records';

/**
 * Health's resolvers: its sections of the child and of household adults, matched against its own
 * patient index, and the child's health chronology.
 */
export const resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  ...childResolvers,
  ...adultResolvers,
  ...recordResolvers,
};
