import { GraphQLError, Kind, visit, type DocumentNode } from 'graphql';

/**
 * The longest string any argument, input field or variable may carry, at the gateway and in every
 * subgraph: room for a contact's concern or a decision's rationale (4,000 characters each).
 */
export const MAX_INPUT_STRING_LENGTH = 4000;

function tooLong(where: string): GraphQLError {
  return new GraphQLError(`${where} is longer than ${MAX_INPUT_STRING_LENGTH} characters`, {
    extensions: { code: 'INPUT_TOO_LONG', field: where, http: { status: 400 } },
  });
}

function checkValue(value: unknown, where: string): void {
  if (typeof value === 'string') {
    if (value.length > MAX_INPUT_STRING_LENGTH) throw tooLong(where);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => checkValue(v, `${where}[${i}]`));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) checkValue(v, `${where}.${k}`);
  }
}

/**
 * Throws INPUT_TOO_LONG (HTTP 400) when any string in the variables or any string literal in the
 * operation is longer than `MAX_INPUT_STRING_LENGTH`. Call it once the operation is resolved.
 */
export function checkInputLengths(
  variables: Record<string, unknown> | undefined,
  document: DocumentNode,
): void {
  checkValue(variables ?? {}, '$variables');
  visit(document, {
    [Kind.STRING]: (node) => {
      if (node.value.length > MAX_INPUT_STRING_LENGTH) throw tooLong('A string argument');
    },
  });
}
