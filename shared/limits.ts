import { GraphQLError, Kind, visit, type DocumentNode, type ValueNode } from 'graphql';
import type { Principal } from './auth';
import type { Logger } from './logger';

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

/**
 * The first character no input may hold, or null: the C0 controls but tab, line feed and carriage
 * return, DEL, the C1 controls (U+0080 to U+009F) and an unpaired UTF-16 surrogate. PostgreSQL
 * refuses U+0000 in text outright (an internal error quoting its own message), the others are
 * never typed by a person and hide text on screen or in an export.
 */
export function forbiddenCharacter(text: string): string | null {
  const found = FORBIDDEN_CHARACTER.exec(text);
  if (!found) return null;
  return `U+${found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

// Without the `u` flag, so a surrogate is matched as a code unit: a high one not followed by a
// low one, or a low one not preceded by a high one.
const FORBIDDEN_CHARACTER =
  // eslint-disable-next-line no-control-regex -- control characters are what it finds
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The name an input's path is reported by in `extensions.field`, as the resolvers' own checks and
 * `withVariableField` (shared/subgraph.ts) name it: a mutation's one `input` is left out
 * (`children[0].newChild.givenName`), any other argument or variable is named as sent.
 */
function fieldName(path: string): string {
  return path.startsWith('input.') ? path.slice('input.'.length) : path;
}

function forbidden(path: string, character: string): GraphQLError {
  const field = fieldName(path);
  return new GraphQLError(
    `\`${field}\` holds a control character (${character}): text may hold no control characters but tab, line feed and carriage return`,
    { extensions: { code: 'BAD_USER_INPUT', field, http: { status: 400 } } },
  );
}

function checkText(value: unknown, path: string): void {
  if (typeof value === 'string') {
    const character = forbiddenCharacter(value);
    if (character) throw forbidden(path, character);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => checkText(v, `${path}[${i}]`));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) checkText(v, path ? `${path}.${k}` : k);
  }
}

function checkLiteral(node: ValueNode, path: string): void {
  if (node.kind === Kind.STRING) {
    const character = forbiddenCharacter(node.value);
    if (character) throw forbidden(path, character);
  } else if (node.kind === Kind.LIST) {
    node.values.forEach((v, i) => checkLiteral(v, `${path}[${i}]`));
  } else if (node.kind === Kind.OBJECT) {
    for (const f of node.fields) checkLiteral(f.value, `${path}.${f.name.value}`);
  }
}

/**
 * Throws BAD_USER_INPUT (HTTP 400) naming the input in `extensions.field` when any string in the
 * variables (every input object, list and custom scalar in them, an `_entities` call's
 * representations included) or any string literal in the operation (an argument's, a directive's
 * or a variable's default) holds a control character (`forbiddenCharacter`). The message never
 * repeats the value. Call it once the operation is resolved, before anything runs.
 */
export function checkInputText(
  variables: Record<string, unknown> | undefined,
  document: DocumentNode,
): void {
  checkText(variables ?? {}, '');
  visit(document, {
    [Kind.ARGUMENT]: (node) => checkLiteral(node.value, node.name.value),
    [Kind.VARIABLE_DEFINITION]: (node) => {
      if (node.defaultValue) checkLiteral(node.defaultValue, node.variable.name.value);
    },
  });
}

/**
 * `checkInputLengths` then `checkInputText`, the checks the gateway and every subgraph make on an
 * operation once it is resolved; a control character refused is logged (request, user and field,
 * never the value) before the error is thrown.
 */
export function checkInputs(
  variables: Record<string, unknown> | undefined,
  document: DocumentNode,
  logger: Logger,
  principal: Principal,
): void {
  checkInputLengths(variables, document);
  try {
    checkInputText(variables, document);
  } catch (error) {
    logger.warn('input refused', {
      requestId: principal.requestId,
      userId: principal.user.id,
      code: (error as GraphQLError).extensions.code,
      field: (error as GraphQLError).extensions.field,
    });
    throw error;
  }
}
