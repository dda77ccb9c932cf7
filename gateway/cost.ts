import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import {
  GraphQLError,
  Kind,
  TypeInfo,
  valueFromAST,
  valueFromASTUntyped,
  visit,
  visitWithTypeInfo,
  validate,
  type ArgumentNode,
  type DocumentNode,
  type GraphQLSchema,
  type ValueNode,
} from 'graphql';

/** What a page size is priced at when it cannot be known: the largest page any resolver serves. */
export const UNKNOWN_PAGE_SIZE = 200;

/** The page-size arguments the cost rule multiplies by. */
const PAGE_ARGUMENTS = new Set(['first', 'last']);

function intValue(value: number): ValueNode {
  return { kind: Kind.INT, value: String(Math.max(1, Math.trunc(value))) };
}

/**
 * The operation as it will run, for pricing: every `first` / `last` given as a variable replaced
 * by the variable's value, and every one left out replaced by the field's default. graphql-armor's
 * cost rule multiplies only by a literal page size, so without this `first: $first` with 200, or a
 * default of 20, would be priced as one item.
 */
export function withPageSizes(
  schema: GraphQLSchema,
  document: DocumentNode,
  given: Record<string, unknown>,
): DocumentNode {
  const typeInfo = new TypeInfo(schema);
  // The variables as the operation will see them: given values, else the operation's defaults.
  const variables = { ...given };
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const v of definition.variableDefinitions ?? []) {
      const name = v.variable.name.value;
      if (variables[name] === undefined && v.defaultValue) {
        variables[name] = valueFromASTUntyped(v.defaultValue);
      }
    }
  }
  return visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const field = typeInfo.getFieldDef();
        if (!field || !node.selectionSet) return undefined;
        const args: ArgumentNode[] = [];
        for (const arg of field.args) {
          if (!PAGE_ARGUMENTS.has(arg.name)) continue;
          const argument = node.arguments?.find((a) => a.name.value === arg.name);
          // A variable left out leaves the argument out (the field's default applies); null is
          // served by the resolver's own default, known here only as the field's default; a page
          // size that cannot be known is priced at the most any resolver serves, never at one.
          const value = argument ? valueFromAST(argument.value, arg.type, variables) : undefined;
          const size =
            typeof value === 'number'
              ? value
              : value === undefined && !argument
                ? arg.defaultValue
                : (arg.defaultValue ?? UNKNOWN_PAGE_SIZE);
          if (typeof size !== 'number') continue;
          args.push({
            kind: Kind.ARGUMENT,
            name: argument?.name ?? { kind: Kind.NAME, value: arg.name },
            value: intValue(size),
          });
        }
        if (args.length === 0) return undefined;
        const others = (node.arguments ?? []).filter((a) => !PAGE_ARGUMENTS.has(a.name.value));
        return { ...node, arguments: [...others, ...args] };
      },
    }),
  );
}

/**
 * Prices the operation with its real page sizes and throws QUERY_TOO_COSTLY (HTTP 400) when it
 * costs more than `maxCost`, by graphql-armor's cost rule and weights. The gateway's only cost
 * check: armor's own, at validation, would see literal page sizes only.
 */
/** Prices already worked out: per schema, per document (as Apollo keeps it parsed), per page sizes. */
const prices = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, string[]>>>();
/** The most page-size combinations kept for one document. */
const PRICES_KEPT_PER_DOCUMENT = 64;
const pageVariables = new WeakMap<DocumentNode, string[]>();

/** The variables a document passes to page arguments (`first`, `last`), anywhere in it. */
function pageVariablesOf(document: DocumentNode): string[] {
  let names = pageVariables.get(document);
  if (!names) {
    const found = new Set<string>();
    visit(document, {
      Argument(node) {
        if (PAGE_ARGUMENTS.has(node.name.value) && node.value.kind === Kind.VARIABLE) {
          found.add(node.value.name.value);
        }
      },
    });
    pageVariables.set(document, (names = [...found].sort()));
  }
  return names;
}

export function checkCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
  maxCost: number,
): void {
  // The price turns on the document and its page sizes alone: priced once per document and the
  // values of the variables its page arguments take (a child view's `$id` does not count).
  const pages = pageVariablesOf(document);
  const key = JSON.stringify([maxCost, ...pages.map((name) => variables[name] ?? null)]);
  let byDocument = prices.get(schema);
  if (!byDocument) prices.set(schema, (byDocument = new WeakMap()));
  let known = byDocument.get(document);
  if (!known) byDocument.set(document, (known = new Map()));
  let refusals = known.get(key);
  if (!refusals) {
    const found: string[] = [];
    validate(schema, withPageSizes(schema, document, variables), [
      costLimitRule({
        maxCost,
        propagateOnRejection: false,
        onReject: [(_context, error) => found.push(error.message.replace(/^Syntax Error: /, ''))],
      }),
    ]);
    if (known.size >= PRICES_KEPT_PER_DOCUMENT) known.clear();
    known.set(key, (refusals = found));
  }
  if (refusals.length > 0) {
    throw new GraphQLError(refusals[0], {
      extensions: { code: 'QUERY_TOO_COSTLY', http: { status: 400 } },
    });
  }
}
