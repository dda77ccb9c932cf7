/**
 * The project's own jest matchers, registered for every test file through `setupFilesAfterEnv`
 * in jest.config.js; their types are declared below, so tests need no import.
 *
 * - `expect(response).toBeRefusedWith(code, path?)`: a GraphQL response (`postGraphQL`, `query`)
 *   whose errors include one with that `extensions.code` (at that path, when given), the refused
 *   field null in `data` (or under a null parent).
 * - `expect(rows).toRecordAudit({ outcome, fields?, subject?, reason?, childId? })`: audit rows
 *   (as `auditOf` gives them) include one with those properties, `fields` compared as a set.
 *
 * Both ask that something is included, not that it is all there is: a test that knows every
 * error or every row compares them whole instead.
 */
import type { AuditRow } from '../../shared/audit';
import type { GraphQLResponse } from './system';

/** A path in a GraphQL response: `['child', 'police']` or `'child.police'`. */
export type ResponsePath = string | readonly (string | number)[];

/** What `toRecordAudit` looks for in one row; a property left out may be anything. */
export interface AuditExpectation {
  outcome: AuditRow['outcome'];
  /** The field names, in any order. */
  fields?: readonly string[];
  subject?: string;
  reason?: string | null;
  childId?: string | null;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    // The type parameters must match @types/jest's declaration to merge with it.
    // eslint-disable-next-line @typescript-eslint/no-unused-vars, @typescript-eslint/no-empty-object-type
    interface Matchers<R, T = {}> {
      /**
       * The response's errors include one with `extensions.code === code` (and this `path`,
       * when given), and the refused field is null in `data` when a path is given.
       */
      toBeRefusedWith(code: string, path?: ResponsePath): R;
      /** The audit rows include one with these properties, `fields` compared as a set. */
      toRecordAudit(expected: AuditExpectation): R;
    }
  }
}

type Errors = NonNullable<GraphQLResponse<unknown>['errors']>;

const pathText = (path: ResponsePath | undefined) =>
  typeof path === 'string' ? path : (path ?? []).join('.');

/** Each error as the failure messages show it: path, code and message. */
const described = (errors: Errors) =>
  errors.map((e) => ({ path: pathText(e.path), code: e.extensions?.code, message: e.message }));

/**
 * What `data` holds at `path`: `null` when the field or a parent of it is null (a refusal nulls
 * the nearest nullable field), `undefined` when the response has no data or no such field.
 */
function valueAt(data: unknown, path: string): unknown {
  let value: unknown = data;
  for (const key of path.split('.')) {
    if (value === null) return null;
    if (typeof value !== 'object' || !(key in value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function toBeRefusedWith(
  this: jest.MatcherContext,
  received: unknown,
  code: string,
  path?: ResponsePath,
): jest.CustomMatcherResult {
  const where = path === undefined ? '' : ` at ${pathText(path)}`;
  const hint = this.utils.matcherHint(
    'toBeRefusedWith',
    'response',
    path === undefined ? 'code' : 'code, path',
    { isNot: this.isNot },
  );
  if (
    typeof received !== 'object' ||
    received === null ||
    !['status', 'data', 'errors'].some((key) => key in received)
  ) {
    // As jest's own matchers do with a value they cannot judge: fail whether negated or not.
    throw new Error(
      `${hint}\n\nExpected a GraphQL response ({ status, data?, errors? }), received ${this.utils.printReceived(received)}`,
    );
  }
  const res = received as GraphQLResponse<unknown>;
  const errors = res.errors ?? [];
  const refusal = errors.find(
    (e) =>
      e.extensions?.code === code && (path === undefined || pathText(e.path) === pathText(path)),
  );
  const field = path === undefined ? null : valueAt(res.data, pathText(path));
  const pass = refusal !== undefined && field === null;
  const actual = errors.length
    ? `Received errors: ${this.utils.printReceived(described(errors))}`
    : `Received no errors${res.status === undefined ? '' : ` (status ${res.status})`}`;
  const data =
    path !== undefined && refusal !== undefined && field !== null
      ? `\n${pathText(path)} in data is ${this.utils.printReceived(field)}, not null`
      : '';
  return {
    pass,
    message: () =>
      pass
        ? `${hint}\n\nExpected the response not to be refused with ${this.utils.printExpected(code)}${where}\n${actual}`
        : `${hint}\n\nExpected the response to be refused with ${this.utils.printExpected(code)}${where}\n${actual}${data}`,
  };
}

const asSet = (fields: readonly unknown[]) => [...new Set(fields.map(String))].sort();

function toRecordAudit(
  this: jest.MatcherContext,
  received: unknown,
  expected: AuditExpectation,
): jest.CustomMatcherResult {
  const hint = this.utils.matcherHint('toRecordAudit', 'rows', 'expected', {
    isNot: this.isNot,
  });
  if (!Array.isArray(received)) {
    throw new Error(
      `${hint}\n\nExpected audit rows (an array, as auditOf gives them), received ${this.utils.printReceived(received)}`,
    );
  }
  const given = Object.entries(expected).filter(([, value]) => value !== undefined);
  const matches = (row: Record<string, unknown>) =>
    given.every(([key, value]) =>
      key === 'fields'
        ? Array.isArray(row.fields) && this.equals(asSet(row.fields), asSet(value as string[]))
        : key in row && this.equals(row[key], value),
    );
  const match = (received as Record<string, unknown>[]).find(matches);
  const pass = match !== undefined;
  const rows = received.length
    ? `Received rows: ${this.utils.printReceived(received)}`
    : 'Received no rows';
  return {
    pass,
    message: () =>
      pass
        ? `${hint}\n\nExpected no audit row with ${this.utils.printExpected(expected)}\nReceived the row ${this.utils.printReceived(match)}`
        : `${hint}\n\nExpected an audit row with ${this.utils.printExpected(expected)}\n${rows}`,
  };
}

expect.extend({ toBeRefusedWith, toRecordAudit });
