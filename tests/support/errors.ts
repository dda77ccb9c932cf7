/** What the tests read of a GraphQL response's errors, in shapes to compare whole. */
import type { GraphQLResponse } from './system';

type Errors = GraphQLResponse<unknown>['errors'];

/** The errors of a response as [path, code], sorted by path, to compare as a whole. */
export function errorCodes(res: { errors?: Errors }): [string, unknown][] {
  return (res.errors ?? [])
    .map((e): [string, unknown] => [(e.path ?? []).join('.'), e.extensions?.code])
    .sort((a, b) => a[0].localeCompare(b[0]));
}

/**
 * Each error's code and the input field it names (`extensions.field`, undefined when it names
 * none), in the response's order; none for no errors.
 */
export function codes(errors: Errors) {
  return (errors ?? []).map((e) => ({ code: e.extensions?.code, field: e.extensions?.field }));
}
