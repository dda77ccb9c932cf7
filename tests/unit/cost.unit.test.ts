import { buildSchema, parse, print } from 'graphql';
import { checkCost, withPageSizes } from '../../gateway/cost';

const schema = buildSchema(`
  type Query { children(name: String, first: Int = 20): [Child!]! }
  type Child { id: ID! siblings(first: Int): [Child!]! }
`);

const printed = (query: string, variables: Record<string, unknown> = {}) =>
  print(withPageSizes(schema, parse(query), variables)).replace(/\s+/g, ' ');

describe('pricing an operation with its real page sizes', () => {
  it('replaces a page size given as a variable with its value', () => {
    expect(printed('query ($n: Int) { children(first: $n) { id } }', { n: 200 })).toBe(
      'query ($n: Int) { children(first: 200) { id } }',
    );
  });

  it('adds the schema default where the page size is left out', () => {
    expect(printed('{ children(name: "a") { id } }')).toBe(
      '{ children(name: "a", first: 20) { id } }',
    );
  });

  it('leaves a field alone when its page size has no value at all', () => {
    expect(printed('{ children { siblings { id } } }')).toBe(
      '{ children(first: 20) { siblings { id } } }',
    );
  });

  it('refuses an operation that costs more once its page sizes are known', () => {
    const query = parse(
      'query ($n: Int) { children(first: $n) { id siblings(first: 50) { id } } }',
    );
    expect(() => checkCost(schema, query, { n: 5 }, 5000)).not.toThrow();
    expect(() => checkCost(schema, query, { n: 200 }, 5000)).toThrow(
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'QUERY_TOO_COSTLY' }),
      }),
    );
  });

  it('prices a document once per page size, whatever its other variables say', () => {
    const query = parse(
      'query ($name: String, $n: Int) { children(name: $name, first: $n) { id siblings(first: 50) { id } } }',
    );
    const tooCostly = expect.objectContaining({
      extensions: expect.objectContaining({ code: 'QUERY_TOO_COSTLY' }),
    });
    for (const name of ['a', 'b']) {
      expect(() => checkCost(schema, query, { name, n: 5 }, 5000)).not.toThrow();
      expect(() => checkCost(schema, query, { name, n: 200 }, 5000)).toThrow(tooCostly);
    }
    expect(() => checkCost(schema, query, { n: 200 }, 1_000_000)).not.toThrow();
  });
});

describe('pricing page sizes the client leaves open', () => {
  it('uses the operation’s own default for a variable the request leaves out', () => {
    expect(printed('query ($n: Int = 200) { children(first: $n) { id } }')).toBe(
      'query ($n: Int = 200) { children(first: 200) { id } }',
    );
  });

  it('prices a variable left out at the field’s default, as the operation will run', () => {
    expect(printed('query ($n: Int) { children(first: $n) { id } }')).toBe(
      'query ($n: Int) { children(first: 20) { id } }',
    );
  });

  it('prices a page size given as null with no default at the largest page any resolver serves', () => {
    expect(
      printed('query ($n: Int) { children(first: 1) { siblings(first: $n) { id } } }', { n: null }),
    ).toBe('query ($n: Int) { children(first: 1) { siblings(first: 200) { id } } }');
  });
});
