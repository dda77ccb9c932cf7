import { parse, print } from 'graphql';
import { mergeOperations, splitAnswer } from '../../gateway/merged-fetches';
import { TurnBatcher } from '../../shared/loaders';

const CHILD_FETCH = {
  query: `query View__police__1($representations: [_Any!]!) {
    _entities(representations: $representations) { ... on Child { police { summary } } }
  }`,
  variables: { representations: [{ __typename: 'Child', id: 'SC1' }] },
  operationName: 'View__police__1',
};
const ADULT_FETCH = {
  query: `query View__police__2($representations: [_Any!]!, $since: DateTime) {
    _entities(representations: $representations) { ...AdultPolice }
  }
  fragment AdultPolice on Adult { police(since: $since) { summary } }`,
  variables: { representations: [{ __typename: 'Adult', id: 'AD1' }], since: null },
  operationName: 'View__police__2',
};

describe('merging the entity fetches one agency is sent in one plan step', () => {
  it('asks for every fetch under its own alias, with its variables and fragments renamed apart', () => {
    const merged = mergeOperations([CHILD_FETCH, ADULT_FETCH]);
    expect(merged.query).toBe(
      print(
        parse(`query View__police__1($m0_representations: [_Any!]!, $m1_representations: [_Any!]!, $m1_since: DateTime) {
          m0__entities: _entities(representations: $m0_representations) { ... on Child { police { summary } } }
          m1__entities: _entities(representations: $m1_representations) { ...m1_AdultPolice }
        }
        fragment m1_AdultPolice on Adult { police(since: $m1_since) { summary } }`),
      ),
    );
    expect(merged.variables).toEqual({
      m0_representations: CHILD_FETCH.variables.representations,
      m1_representations: ADULT_FETCH.variables.representations,
      m1_since: null,
    });
    expect(merged.operationName).toBe('View__police__1');
  });

  it('merges the same fetches to the same text each time, each time with its own variables', () => {
    const first = mergeOperations([CHILD_FETCH, ADULT_FETCH]);
    const other = { representations: [{ __typename: 'Child', id: 'SC2' }] };
    const second = mergeOperations([{ ...CHILD_FETCH, variables: other }, ADULT_FETCH]);
    expect(second.query).toBe(first.query);
    expect(second.variables).toEqual({
      ...first.variables,
      m0_representations: other.representations,
    });
    // In the other order the texts differ: each fetch keeps its own prefix.
    expect(mergeOperations([ADULT_FETCH, CHILD_FETCH]).query).not.toBe(first.query);
  });

  it('refuses what the planner never sends: a mutation, or two operations in one document', () => {
    expect(() => mergeOperations([{ query: 'mutation { a }' }, CHILD_FETCH])).toThrow(
      /single query/,
    );
    expect(() => mergeOperations([{ query: 'query A { a } query B { b }' }, CHILD_FETCH])).toThrow(
      /single query/,
    );
  });

  it('hands each fetch its own data and its own errors, with the path it would have had alone', () => {
    const [child, adult] = splitAnswer(
      {
        data: {
          m0__entities: [{ police: { summary: 'child' } }],
          m1__entities: [{ police: null }],
        },
        errors: [
          {
            path: ['m1__entities', 0, 'police'],
            extensions: { code: 'FORBIDDEN_NO_RELATIONSHIP' },
          },
          { message: 'the whole request' },
        ],
      },
      2,
    );
    expect(child).toEqual({
      data: { _entities: [{ police: { summary: 'child' } }] },
      errors: [{ message: 'the whole request' }],
    });
    expect(adult).toEqual({
      data: { _entities: [{ police: null }] },
      errors: [
        { path: ['_entities', 0, 'police'], extensions: { code: 'FORBIDDEN_NO_RELATIONSHIP' } },
        { message: 'the whole request' },
      ],
    });
  });

  it('keeps a null answer null for every fetch', () => {
    expect(splitAnswer({ data: null, errors: [{ message: 'down' }] }, 2)).toEqual([
      { data: null, errors: [{ message: 'down' }] },
      { data: null, errors: [{ message: 'down' }] },
    ]);
  });
});

describe('batching the requests of one turn', () => {
  it('sends what one key asks in the same turn together, and other keys and turns apart', async () => {
    const sent: string[][] = [];
    const batcher = new TurnBatcher<object, string, string>(async (items) => {
      sent.push(items);
      return items.map((i) => i.toUpperCase());
    });
    const one = {};
    const two = {};
    const first = await Promise.all([
      batcher.add(one, 'a'),
      batcher.add(one, 'b'),
      batcher.add(two, 'c'),
    ]);
    const later = await batcher.add(one, 'd');
    expect(first).toEqual(['A', 'B', 'C']);
    expect(later).toBe('D');
    expect(sent).toEqual([['a', 'b'], ['c'], ['d']]);
  });

  it('fails every request of a batch whose sending fails', async () => {
    const batcher = new TurnBatcher<object, string, string>(() =>
      Promise.reject(new Error('down')),
    );
    const key = {};
    const results = await Promise.allSettled([batcher.add(key, 'a'), batcher.add(key, 'b')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});
