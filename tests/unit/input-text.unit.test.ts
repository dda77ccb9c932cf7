import { GraphQLError, parse, type DocumentNode } from 'graphql';
import {
  checkInputs,
  checkInputText,
  forbiddenCharacter,
  MAX_INPUT_STRING_LENGTH,
} from '../../shared/limits';
import type { Logger } from '../../shared/logger';
import { principalOf } from '../support/auth';

// Control characters in inputs (issue 18, finding 5): every string a client sends, inline or in
// variables, at any depth, is refused with BAD_USER_INPUT naming where it is, before anything
// runs, so PostgreSQL (which refuses U+0000 with an internal error) never sees one.

/** What `checkInputText` throws, as the client reads it; null when it passes. */
function refusal(variables: Record<string, unknown> | undefined, query = '{ __typename }') {
  try {
    checkInputText(variables, parse(query));
    return null;
  } catch (error) {
    const e = error as GraphQLError;
    return { message: e.message, extensions: e.extensions };
  }
}

const fieldOf = (variables: Record<string, unknown> | undefined, query?: string) =>
  refusal(variables, query)?.extensions.field ?? null;

describe('which characters an input may hold', () => {
  it.each([
    ['tab', '\t'],
    ['line feed', '\n'],
    ['carriage return', '\r'],
    ['a space', ' '],
    ['an accented letter', 'é'],
    ['a character outside the BMP (a surrogate pair)', '😀'],
    ['a no-break space (U+00A0, just past the C1 controls)', '\u00A0'],
  ])('allows %s', (_label, character) => {
    expect(forbiddenCharacter(`Amelia${character}Stone`)).toBeNull();
  });

  it.each([
    ['NUL', '\u0000', 'U+0000'],
    ['a C0 control (U+0001)', '\u0001', 'U+0001'],
    ['backspace', '\b', 'U+0008'],
    ['vertical tab', '\u000B', 'U+000B'],
    ['form feed', '\f', 'U+000C'],
    ['escape', '\u001B', 'U+001B'],
    ['the last C0 control (U+001F)', '\u001F', 'U+001F'],
    ['DEL', '\u007F', 'U+007F'],
    ['the first C1 control (U+0080)', '\u0080', 'U+0080'],
    ['next line (U+0085)', '\u0085', 'U+0085'],
    ['the last C1 control (U+009F)', '\u009F', 'U+009F'],
    ['a lone high surrogate', '\uD83D', 'U+D83D'],
    ['a lone low surrogate', '\uDE00', 'U+DE00'],
  ])('refuses %s, naming it', (_label, character, named) => {
    expect(forbiddenCharacter(`Amelia${character}Stone`)).toBe(named);
  });

  it('refuses a lone surrogate at the very end of the text', () => {
    expect(forbiddenCharacter('Amelia\uD83D')).toBe('U+D83D');
  });
});

describe('refusing a control character in an operation', () => {
  it('refuses a variable with BAD_USER_INPUT and HTTP 400, naming it and not repeating its value', () => {
    expect(refusal({ name: 'Amelia\u0000Stone' })).toEqual({
      message:
        '`name` holds a control character (U+0000): text may hold no control characters but tab, line feed and carriage return',
      extensions: { code: 'BAD_USER_INPUT', field: 'name', http: { status: 400 } },
    });
  });

  it('names a field deep in a mutation input as the resolvers do, without `input.`', () => {
    expect(
      fieldOf({
        input: {
          children: [{ newChild: { givenName: 'Amelia' } }, { newChild: { givenName: 'A\u0000' } }],
        },
      }),
    ).toBe('children[1].newChild.givenName');
  });

  it('names an item of a list variable', () => {
    expect(fieldOf({ ids: ['SC100250', 'SC1\u007F'] })).toBe('ids[1]');
  });

  it("finds one in an `_entities` call's representations", () => {
    expect(
      fieldOf({
        representations: [
          { __typename: 'Child', id: 'SC100250', givenName: 'Amelia' },
          { __typename: 'Child', id: 'SC100251', givenName: 'Ame\u0085lia' },
        ],
      }),
    ).toBe('representations[1].givenName');
  });

  it('finds one in a custom scalar given as a string (a DateTime)', () => {
    expect(fieldOf({ since: '2026-11-20T12:00:00Z\u0000' })).toBe('since');
  });

  it('refuses an inline argument, naming it', () => {
    expect(fieldOf({}, '{ searchChildren(name: "Amelia\\u0000") { id } }')).toBe('name');
  });

  it('names a field of an inline input object and an item of an inline list', () => {
    expect(
      fieldOf(
        {},
        '{ a: recordContact(input: { concern: "ok", children: [{ givenName: "ok" }, { givenName: "x\\u0001" }] }) { id } }',
      ),
    ).toBe('children[1].givenName');
  });

  it("refuses a directive's string argument", () => {
    expect(fieldOf({}, '{ child(id: "SC1") @tag(name: "\\u001b") { id } }')).toBe('name');
  });

  it("refuses a variable's default value, naming the variable", () => {
    expect(
      fieldOf({}, 'query ($name: String = "\\u0000") { searchChildren(name: $name) { id } }'),
    ).toBe('name');
  });

  it('refuses a raw DEL inside a string literal, which the GraphQL lexer lets through', () => {
    expect(fieldOf({}, '{ searchChildren(name: "Amelia\u007F") { id } }')).toBe('name');
  });

  it('passes text with tabs and line breaks, inline and in variables', () => {
    expect(
      refusal(
        { input: { concern: 'Line one\r\nLine two\tindented' } },
        '{ searchChildren(name: "Amelia\\tStone\\n") { id } }',
      ),
    ).toBeNull();
  });

  it('passes numbers, booleans, nulls and enum values', () => {
    expect(
      refusal(
        { first: 50, overdue: true, after: null, rag: ['RED'] },
        '{ mashQueue(first: 5, filter: { rag: [RED], overdue: false }) { totalCount } }',
      ),
    ).toBeNull();
  });
});

describe('checking an operation and its variables together, as the gateway and subgraphs do', () => {
  const logger = { debug() {}, info() {}, warn() {}, error() {} } as unknown as Logger;
  const principal = principalOf();
  const check = (variables: Record<string, unknown>, document: DocumentNode) => {
    try {
      checkInputs(variables, document, logger, principal);
      return null;
    } catch (error) {
      const e = error as GraphQLError;
      return { code: e.extensions.code, field: e.extensions.field };
    }
  };
  const long = 'x'.repeat(MAX_INPUT_STRING_LENGTH + 1);

  it('refuses a string too long before a control character, wherever each is', () => {
    const document = parse('query ($a: String, $b: String) { __typename }');
    expect(check({ a: 'bad\u0001', b: long }, document)).toEqual({
      code: 'INPUT_TOO_LONG',
      field: '$variables.b',
    });
    expect(check({ a: 'bad\u0001' }, parse(`query ($a: String) { f(x: "${long}") }`))).toEqual({
      code: 'INPUT_TOO_LONG',
      field: 'A string argument',
    });
  });

  it("refuses a variable's control character before the operation's own", () => {
    const document = parse('query ($a: [String]) { f(x: "bad\\u0002") }');
    expect(check({ a: ['ok', 'bad\u0001'] }, document)).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'a[1]',
    });
    expect(check({ a: ['ok'] }, document)).toEqual({ code: 'BAD_USER_INPUT', field: 'x' });
  });

  it('judges each request by its own variables, the same document asked again', () => {
    const document = parse('query ($a: String) { __typename }');
    expect(check({ a: 'bad\u0001' }, document)).toEqual({ code: 'BAD_USER_INPUT', field: 'a' });
    expect(check({ a: 'fine' }, document)).toBeNull();
    expect(check({ a: long }, document)).toEqual({ code: 'INPUT_TOO_LONG', field: '$variables.a' });
    expect(check({ a: 'fine' }, document)).toBeNull();
  });
});
