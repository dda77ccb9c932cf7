// One request per agency per step of a query plan. The planner fetches a child and its household's
// adults from a partner as two entity fetches (`_entities` at two paths), run side by side; each
// would be its own HTTP request, token, audit write and set of SQL statements. The gateway joins
// the entity fetches one agency is sent in the same turn of the event loop into one operation
// (each fetch's `_entities` under an alias, its variables and fragments renamed apart), and hands
// each fetch its own part of the answer, as if it had been sent alone.
import {
  Kind,
  parse,
  print,
  visit,
  type DefinitionNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionNode,
  type VariableDefinitionNode,
} from 'graphql';

/** A subgraph request as the planner makes it: a query and its variables. */
export interface SubgraphOperation {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

/** A subgraph's answer, in the GraphQL response format. */
export interface SubgraphAnswer {
  data?: Record<string, unknown> | null;
  errors?: readonly {
    message?: string;
    path?: readonly (string | number)[];
    extensions?: unknown;
  }[];
  [key: string]: unknown;
}

const prefix = (i: number) => `m${i}_`;

/** The one operation of a planner's document and its fragments. */
function partsOf(document: DocumentNode): {
  operation: OperationDefinitionNode;
  fragments: FragmentDefinitionNode[];
} {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  if (operations.length !== 1 || operations[0].operation !== 'query') {
    throw new Error('only single query operations are merged');
  }
  return {
    operation: operations[0],
    fragments: document.definitions.filter(
      (d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION,
    ),
  };
}

/** `document` with its variables and fragments renamed by `p`, and its root fields aliased. */
function renamed(document: DocumentNode, p: string): DocumentNode {
  return visit(document, {
    Variable: (node) => ({ ...node, name: { ...node.name, value: `${p}${node.name.value}` } }),
    FragmentSpread: (node) => ({
      ...node,
      name: { ...node.name, value: `${p}${node.name.value}` },
    }),
    FragmentDefinition: (node) => ({
      ...node,
      name: { ...node.name, value: `${p}${node.name.value}` },
    }),
    OperationDefinition: (node) => ({
      ...node,
      selectionSet: {
        ...node.selectionSet,
        selections: node.selectionSet.selections.map((s): SelectionNode => {
          if (s.kind !== Kind.FIELD) throw new Error('only root fields are merged');
          const field: FieldNode = s;
          const name = field.alias?.value ?? field.name.value;
          return { ...field, alias: { kind: Kind.NAME, value: `${p}${name}` } };
        }),
      },
    }),
  });
}

/** The most merged texts kept; a plan's merges repeat, so a handful covers the live queries. */
const MERGED_TEXTS_KEPT = 500;
/** Merged operation texts by what they merge: parsing, renaming and printing once per shape. */
const mergedTexts = new Map<string, string>();

/** The text of the operation merging `queries` (named `name`), from the cache or made now. */
function mergedText(queries: readonly string[], name: string | undefined): string {
  const key = JSON.stringify([name ?? null, ...queries]);
  const known = mergedTexts.get(key);
  if (known !== undefined) return known;
  const variableDefinitions: VariableDefinitionNode[] = [];
  const selections: SelectionNode[] = [];
  const fragments: DefinitionNode[] = [];
  queries.forEach((query, i) => {
    const { operation, fragments: own } = partsOf(renamed(parse(query), prefix(i)));
    variableDefinitions.push(...(operation.variableDefinitions ?? []));
    selections.push(...operation.selectionSet.selections);
    fragments.push(...own);
  });
  const merged: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [
      {
        kind: Kind.OPERATION_DEFINITION,
        operation: 'query' as OperationDefinitionNode['operation'],
        ...(name ? { name: { kind: Kind.NAME, value: name } } : {}),
        variableDefinitions,
        selectionSet: { kind: Kind.SELECTION_SET, selections },
      } as OperationDefinitionNode,
      ...fragments,
    ],
  };
  const text = print(merged);
  if (mergedTexts.size >= MERGED_TEXTS_KEPT) {
    mergedTexts.delete(mergedTexts.keys().next().value as string);
  }
  mergedTexts.set(key, text);
  return text;
}

/**
 * One operation doing the work of all of `operations` (single queries of root fields, as the
 * planner sends): the i-th one's root fields aliased `m<i>_<name>`, its variables `$m<i>_<name>`
 * and its fragments `m<i>_<name>`. Throws for anything else (a mutation, several operations).
 * The text of a merge is made once per shape and kept (a plan sends the same texts every time).
 */
export function mergeOperations(operations: readonly SubgraphOperation[]): SubgraphOperation {
  const name = operations.find((op) => op.operationName)?.operationName;
  const query = mergedText(
    operations.map((op) => op.query),
    name,
  );
  const variables: Record<string, unknown> = {};
  operations.forEach((op, i) => {
    for (const [key, value] of Object.entries(op.variables ?? {})) {
      variables[`${prefix(i)}${key}`] = value;
    }
  });
  return { query, variables, ...(name ? { operationName: name } : {}) };
}

/**
 * The answer of `mergeOperations` split back into one answer per operation merged: each gets the
 * data under its own aliases, and the errors whose path starts there (with the path it would have
 * had alone); an error with no path (the whole request's) goes to every one.
 */
export function splitAnswer(answer: SubgraphAnswer, count: number): SubgraphAnswer[] {
  const { data, errors, ...rest } = answer;
  return Array.from({ length: count }, (_, i) => {
    const p = prefix(i);
    const own =
      data === null || data === undefined
        ? data
        : Object.fromEntries(
            Object.entries(data)
              .filter(([key]) => key.startsWith(p))
              .map(([key, value]) => [key.slice(p.length), value]),
          );
    const mine = (errors ?? []).flatMap((e) => {
      const [head, ...tail] = e.path ?? [];
      if (head === undefined) return [e];
      if (typeof head !== 'string' || !head.startsWith(p)) return [];
      return [{ ...e, path: [head.slice(p.length), ...tail] }];
    });
    return { ...rest, data: own, ...(mine.length > 0 ? { errors: mine } : {}) };
  });
}
