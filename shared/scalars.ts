import { GraphQLScalarType } from 'graphql';
import { DateTimeISOResolver, LocalDateResolver } from 'graphql-scalars';

/** `Date`: a calendar date as 'YYYY-MM-DD' in and out; impossible dates (2020-02-30) are refused. */
export const DateScalar = new GraphQLScalarType({
  ...LocalDateResolver.toConfig(),
  name: 'Date',
  description: 'A calendar date, YYYY-MM-DD, local to Europe/London.',
});

/** `DateTime`: an instant; serialised as ISO 8601 in UTC, parsed from any ISO 8601 with offset. */
export const DateTimeScalar = new GraphQLScalarType({
  ...DateTimeISOResolver.toConfig(),
  name: 'DateTime',
  description: 'An instant, ISO 8601 in UTC.',
});
