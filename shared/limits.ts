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

/** Where an input is, as keys and list positions from the variables down. */
type InputPath = readonly (string | number)[];

/** `$variables.children[0].givenName`: how INPUT_TOO_LONG names a variable. */
const lengthPath = (path: InputPath) =>
  `$variables${path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')}`;

/** `children[0].givenName`: how BAD_USER_INPUT names a variable (`fieldName` then drops `input.`). */
const textPath = (path: InputPath) =>
  path.reduce<string>(
    (at, p) => (typeof p === 'number' ? `${at}[${p}]` : at ? `${at}.${p}` : p),
    '',
  );

/** A string holding a forbidden character, and where it is. */
type TextOffence = { path: string; character: string };

/**
 * One walk of the variables, making the checks asked for: throws INPUT_TOO_LONG for the first
 * string too long (`lengths`), and returns the first string holding a forbidden character (`text`;
 * null when none), for the caller to refuse after the operation's own lengths, in the order the
 * checks are documented. Paths are spelled out only for the string refused: a page's
 * representations hold thousands of strings.
 */
function walkVariables(
  variables: Record<string, unknown> | undefined,
  checks: { lengths: boolean; text: boolean },
): TextOffence | null {
  let text: TextOffence | null = null;
  const path: (string | number)[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      if (checks.lengths && value.length > MAX_INPUT_STRING_LENGTH) {
        throw tooLong(lengthPath(path));
      }
      if (checks.text && !text) {
        const character = forbiddenCharacter(value);
        if (character) text = { path: textPath(path), character };
      }
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        walk(value[i]);
        path.pop();
      }
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        path.push(k);
        walk(v);
        path.pop();
      }
    }
  };
  walk(variables ?? {});
  return text;
}

/** What an operation's own literals break, worked out once per parsed document. */
interface LiteralProblems {
  /** A string literal longer than `MAX_INPUT_STRING_LENGTH`. */
  tooLong: boolean;
  /** The first literal (an argument's, a directive's, a default) holding a forbidden character. */
  text: TextOffence | null;
}
const literalProblems = new WeakMap<DocumentNode, LiteralProblems>();

function literalProblemsOf(document: DocumentNode): LiteralProblems {
  let problems = literalProblems.get(document);
  if (!problems) {
    const found: LiteralProblems = { tooLong: false, text: null };
    visit(document, {
      [Kind.STRING]: (node) => {
        if (node.value.length > MAX_INPUT_STRING_LENGTH) found.tooLong = true;
      },
    });
    visit(document, {
      [Kind.ARGUMENT]: (node) => {
        found.text ??= literalText(node.value, node.name.value);
      },
      [Kind.VARIABLE_DEFINITION]: (node) => {
        if (node.defaultValue)
          found.text ??= literalText(node.defaultValue, node.variable.name.value);
      },
    });
    literalProblems.set(document, (problems = found));
  }
  return problems;
}

/**
 * Refuses, in this order, the first string of the variables longer than `MAX_INPUT_STRING_LENGTH`
 * (INPUT_TOO_LONG), a string literal of the operation as long, then a variable and then a literal
 * holding a forbidden character (BAD_USER_INPUT): `checkInputLengths` then `checkInputText`.
 */
function checkAll(variables: Record<string, unknown> | undefined, document: DocumentNode): void {
  const inVariables = walkVariables(variables, { lengths: true, text: true });
  const literals = literalProblemsOf(document);
  if (literals.tooLong) throw tooLong('A string argument');
  const text = inVariables ?? literals.text;
  if (text) throw forbidden(text.path, text.character);
}

/**
 * Throws INPUT_TOO_LONG (HTTP 400) when any string in the variables or any string literal in the
 * operation is longer than `MAX_INPUT_STRING_LENGTH`. Call it once the operation is resolved.
 */
export function checkInputLengths(
  variables: Record<string, unknown> | undefined,
  document: DocumentNode,
): void {
  walkVariables(variables, { lengths: true, text: false });
  if (literalProblemsOf(document).tooLong) throw tooLong('A string argument');
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

/** The first string of a literal holding a forbidden character, with where it is, or null. */
function literalText(node: ValueNode, path: string): TextOffence | null {
  if (node.kind === Kind.STRING) {
    const character = forbiddenCharacter(node.value);
    return character ? { path, character } : null;
  }
  if (node.kind === Kind.LIST) {
    for (let i = 0; i < node.values.length; i++) {
      const found = literalText(node.values[i], `${path}[${i}]`);
      if (found) return found;
    }
  } else if (node.kind === Kind.OBJECT) {
    for (const f of node.fields) {
      const found = literalText(f.value, `${path}.${f.name.value}`);
      if (found) return found;
    }
  }
  return null;
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
  const text =
    walkVariables(variables, { lengths: false, text: true }) ?? literalProblemsOf(document).text;
  if (text) throw forbidden(text.path, text.character);
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
  try {
    checkAll(variables, document);
  } catch (error) {
    // A string too long is refused as it always was, unlogged; a control character is logged.
    if ((error as GraphQLError).extensions?.code !== 'BAD_USER_INPUT') throw error;
    logger.warn('input refused', {
      requestId: principal.requestId,
      userId: principal.user.id,
      code: (error as GraphQLError).extensions.code,
      field: (error as GraphQLError).extensions.field,
    });
    throw error;
  }
}
