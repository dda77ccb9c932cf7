import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import {
  apiSchemaOf,
  checkSchemaChange,
  parseAcknowledgements,
  planCompose,
  printAcknowledgements,
  type Acknowledgement,
  type ComposeInput,
} from '../../gateway/schema-check';
import {
  BREAKING_CHANGES_FILE,
  composeSubgraphs,
  composeSupergraph,
  SUPERGRAPH_FILE,
} from '../../gateway/supergraph';

// `npm run compose` as gateway/schema-check.ts's `planCompose` decides it, on supergraphs composed
// here from one- or two-type subgraphs, then on the repository itself.

const LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", ' +
  'import: ["@key", "@inaccessible"])\n';

/** The supergraph of one subgraph with this SDL (the federation link added). */
function supergraph(sdl: string): string {
  const composition = composeSubgraphs([
    { name: 'social', url: 'http://s/graphql', sdl: LINK + sdl },
  ]);
  if (!composition.ok) throw new Error(JSON.stringify(composition.errors));
  return composition.supergraphSdl;
}

const BEFORE = supergraph(`
  type Query { child(id: ID!): Child }
  type Child @key(fields: "id") { id: ID! name: String risk: Risk }
  enum Risk { LOW HIGH }
`);
const FIELD_REMOVED = supergraph(`
  type Query { child(id: ID!): Child }
  type Child @key(fields: "id") { id: ID! risk: Risk }
  enum Risk { LOW HIGH }
`);
const TYPE_CHANGED = supergraph(`
  type Query { child(id: ID!): Child }
  type Child @key(fields: "id") { id: ID! name: Int risk: Risk }
  enum Risk { LOW HIGH }
`);
const FIELD_ADDED = supergraph(`
  type Query { child(id: ID!): Child }
  type Child @key(fields: "id") { id: ID! name: String risk: Risk school: String }
  enum Risk { LOW HIGH }
`);
const ENUM_VALUE_ADDED = supergraph(`
  type Query { child(id: ID!): Child }
  type Child @key(fields: "id") { id: ID! name: String risk: Risk }
  enum Risk { LOW MEDIUM HIGH }
`);

/** `planCompose` writing a composed supergraph over a committed one, no acknowledgement file. */
function plan(committed: string | undefined, composed: string, more: Partial<ComposeInput> = {}) {
  return planCompose({
    mode: 'write',
    composition: { ok: true, supergraphSdl: composed },
    committed,
    acknowledgements: undefined,
    ...more,
  });
}

/** supergraph.breaking.json's text with these pending and applied acknowledgements. */
function acknowledgementFile(pending: Acknowledgement[], applied: Acknowledgement[] = []) {
  return printAcknowledgements({ pending, applied });
}

const NAME_REMOVED: Acknowledgement = {
  type: 'FIELD_REMOVED',
  description: 'Child.name was removed.',
  reason: 'Names are pseudonymised; the name moves to Person.',
  date: '2025-03-14',
};

const OUT_OF_DATE =
  'supergraph.graphql is not what the subgraphs compose to: run `npm run compose` and commit it.';

const HOW_TO_ACKNOWLEDGE =
  'Undo each, or acknowledge it in supergraph.breaking.json under "pending" with its "type" and ' +
  '"description" as above, a "reason" and a "date" (YYYY-MM-DD).';

describe('npm run compose (planCompose, write mode)', () => {
  it('refuses a removed field, naming the change, and writes nothing', () => {
    expect(plan(BEFORE, FIELD_REMOVED)).toEqual({
      exitCode: 1,
      report: [
        '1 breaking change to the API clients see, not acknowledged:',
        '  - FIELD_REMOVED: Child.name was removed.',
        HOW_TO_ACKNOWLEDGE,
        'supergraph.graphql was not written.',
      ].join('\n'),
      writes: {},
    });
  });

  it('refuses a field whose type changed, naming the change, and writes nothing', () => {
    expect(plan(BEFORE, TYPE_CHANGED)).toEqual({
      exitCode: 1,
      report: [
        '1 breaking change to the API clients see, not acknowledged:',
        '  - FIELD_CHANGED_KIND: Child.name changed type from String to Int.',
        HOW_TO_ACKNOWLEDGE,
        'supergraph.graphql was not written.',
      ].join('\n'),
      writes: {},
    });
  });

  it('writes a supergraph that only adds a field', () => {
    expect(plan(BEFORE, FIELD_ADDED)).toEqual({
      exitCode: 0,
      report: 'Wrote supergraph.graphql.',
      writes: { supergraph: FIELD_ADDED },
    });
  });

  it('writes the first supergraph when none is committed', () => {
    expect(plan(undefined, BEFORE)).toEqual({
      exitCode: 0,
      report: 'Wrote supergraph.graphql.',
      writes: { supergraph: BEFORE },
    });
  });

  it('writes nothing when the supergraph is unchanged', () => {
    expect(plan(BEFORE, BEFORE)).toEqual({
      exitCode: 0,
      report: 'supergraph.graphql is unchanged.',
      writes: {},
    });
  });

  it('prints a dangerous change as a warning and writes the supergraph', () => {
    expect(plan(BEFORE, ENUM_VALUE_ADDED)).toEqual({
      exitCode: 0,
      report: [
        'Warning: dangerous change VALUE_ADDED_TO_ENUM: MEDIUM was added to enum type Risk.',
        'Wrote supergraph.graphql.',
      ].join('\n'),
      writes: { supergraph: ENUM_VALUE_ADDED },
    });
  });

  it('compares the API clients see, so removing an @inaccessible field breaks nothing', () => {
    const hidden = supergraph(`
      type Query { child(id: ID!): Child }
      type Child @key(fields: "id") {
        id: ID! name: String risk: Risk caseNotes: String @inaccessible
      }
      enum Risk { LOW HIGH }
    `);
    expect(plan(hidden, BEFORE)).toEqual({
      exitCode: 0,
      report: 'Wrote supergraph.graphql.',
      writes: { supergraph: BEFORE },
    });
  });

  it('writes an acknowledged break and moves its acknowledgement from pending to applied', () => {
    const earlier = { ...NAME_REMOVED, description: 'Query.children was removed.' };
    expect(
      plan(BEFORE, FIELD_REMOVED, {
        acknowledgements: acknowledgementFile([NAME_REMOVED], [earlier]),
      }),
    ).toEqual({
      exitCode: 0,
      report: [
        'Breaking change, acknowledged on 2025-03-14 (Names are pseudonymised; the name moves to ' +
          'Person.): FIELD_REMOVED: Child.name was removed.',
        'Wrote supergraph.graphql.',
        'Moved 1 acknowledgement from "pending" to "applied" in supergraph.breaking.json: ' +
          'commit it with supergraph.graphql.',
      ].join('\n'),
      writes: {
        supergraph: FIELD_REMOVED,
        acknowledgements: acknowledgementFile([], [earlier, NAME_REMOVED]),
      },
    });
  });

  it('refuses a stale acknowledgement (one matching no breaking change) and writes nothing', () => {
    expect(
      plan(BEFORE, FIELD_ADDED, { acknowledgements: acknowledgementFile([NAME_REMOVED]) }),
    ).toEqual({
      exitCode: 1,
      report: [
        '1 acknowledgement under "pending" in supergraph.breaking.json matches no breaking change:',
        '  - FIELD_REMOVED: Child.name was removed.',
        'Correct or remove it: left there, an acknowledgement would let a later break of that ' +
          'shape through unreviewed.',
        'supergraph.graphql was not written.',
      ].join('\n'),
      writes: {},
    });
  });

  it('refuses a break acknowledged in other words, as unacknowledged and stale', () => {
    const misworded = { ...NAME_REMOVED, description: 'Child.name was removed' };
    expect(
      plan(BEFORE, FIELD_REMOVED, { acknowledgements: acknowledgementFile([misworded]) }),
    ).toEqual({
      exitCode: 1,
      report: [
        '1 breaking change to the API clients see, not acknowledged:',
        '  - FIELD_REMOVED: Child.name was removed.',
        HOW_TO_ACKNOWLEDGE,
        '1 acknowledgement under "pending" in supergraph.breaking.json matches no breaking change:',
        '  - FIELD_REMOVED: Child.name was removed',
        'Correct or remove it: left there, an acknowledgement would let a later break of that ' +
          'shape through unreviewed.',
        'supergraph.graphql was not written.',
      ].join('\n'),
      writes: {},
    });
  });

  it('reports every composition error with its code and writes nothing', () => {
    const composition = composeSubgraphs([
      { name: 'police', url: 'http://p/graphql', sdl: `${LINK}type Query { risk: String }` },
      { name: 'health', url: 'http://h/graphql', sdl: `${LINK}type Query { risk: Int }` },
    ]);
    expect(
      planCompose({ mode: 'write', composition, committed: BEFORE, acknowledgements: undefined }),
    ).toEqual({
      exitCode: 1,
      report: [
        'Composition failed with 2 errors:',
        '  - FIELD_TYPE_MISMATCH: Type of field "Query.risk" is incompatible across subgraphs: ' +
          'it has type "Int" in subgraph "health" but type "String" in subgraph "police"',
        '  - INVALID_FIELD_SHARING: Non-shareable field "Query.risk" is resolved from multiple ' +
          'subgraphs: it is resolved from subgraphs "health" and "police" and defined as ' +
          'non-shareable in all of them',
        'supergraph.graphql was not written.',
      ].join('\n'),
      writes: {},
    });
  });

  it('reports a subgraph that does not parse as INVALID_GRAPHQL, naming the subgraph', () => {
    expect(
      composeSubgraphs([
        { name: 'police', url: 'http://p/graphql', sdl: `${LINK}type Query { risk: String }` },
        { name: 'health', url: 'http://h/graphql', sdl: `${LINK}type Query { risk: }` },
      ]),
    ).toEqual({
      ok: false,
      errors: [
        {
          code: 'INVALID_GRAPHQL',
          message: '[health] Syntax Error: Expected Name, found "}". (line 2, column 20)',
        },
      ],
    });
  });

  it('refuses an acknowledgement file that is not valid, listing every problem', () => {
    const acknowledgements = JSON.stringify({
      pending: [
        { ...NAME_REMOVED, type: 'FIELD_DELETED', date: '2025-02-30' },
        {
          type: 'FIELD_REMOVED',
          description: 'Child.name was removed.',
          why: '',
          date: '2025-13-01',
        },
      ],
    });
    expect(plan(BEFORE, FIELD_REMOVED, { acknowledgements })).toEqual({
      exitCode: 1,
      report: [
        'supergraph.breaking.json is not valid:',
        '  - pending[0]: "type" "FIELD_DELETED" is not a breaking change type of graphql-js',
        '  - pending[0]: "date" "2025-02-30" is not a day written YYYY-MM-DD',
        '  - pending[1]: unknown key "why"',
        '  - pending[1]: "reason" must be a non-empty string',
        '  - pending[1]: "date" "2025-13-01" is not a day written YYYY-MM-DD',
        '  - "applied" must be a list (empty when there is nothing to say)',
        'supergraph.graphql was not written.',
      ].join('\n'),
      writes: {},
    });
  });

  it('refuses a committed supergraph that is not a valid supergraph, so cannot be compared', () => {
    expect(plan('type Query { child: String }\n', BEFORE)).toEqual({
      exitCode: 1,
      report: [
        'The committed supergraph.graphql is not a valid supergraph, so it cannot be compared: ' +
          'Invalid supergraph: must be a core schema',
        'Restore it from git, or delete it to write a new one without a comparison.',
        'supergraph.graphql was not written.',
      ].join('\n'),
      writes: {},
    });
  });
});

describe('npm run compose -- --check (planCompose, check mode)', () => {
  const check = (committed: string | undefined, composed: string) =>
    plan(committed, composed, { mode: 'check' });

  it('passes when the committed supergraph is what composition gives', () => {
    expect(check(BEFORE, BEFORE)).toEqual({
      exitCode: 0,
      report: 'supergraph.graphql is up to date.',
      writes: {},
    });
  });

  it('fails, writing nothing, when the committed supergraph is out of date', () => {
    expect(check(BEFORE, FIELD_ADDED)).toEqual({
      exitCode: 1,
      report: OUT_OF_DATE,
      writes: {},
    });
  });

  it('names the breaking changes a compose would refuse', () => {
    expect(check(BEFORE, FIELD_REMOVED)).toEqual({
      exitCode: 1,
      report: [
        '1 breaking change to the API clients see, not acknowledged:',
        '  - FIELD_REMOVED: Child.name was removed.',
        HOW_TO_ACKNOWLEDGE,
        OUT_OF_DATE,
      ].join('\n'),
      writes: {},
    });
  });

  it('fails when no supergraph is committed', () => {
    expect(check(undefined, BEFORE)).toEqual({
      exitCode: 1,
      report: 'There is no committed supergraph.graphql: run `npm run compose` and commit it.',
      writes: {},
    });
  });
});

describe('supergraph.breaking.json', () => {
  it('is written as prettier formats it, so the format check passes after a compose', () => {
    // prettier's API loads its plugins by dynamic import, which jest's CommonJS runtime refuses:
    // its command line reads the text on stdin instead.
    const prettier = (text: string) =>
      execFileSync(
        process.execPath,
        [require.resolve('prettier/bin/prettier.cjs'), '--stdin-filepath', BREAKING_CHANGES_FILE],
        { input: text, encoding: 'utf8' },
      );
    const texts = [
      acknowledgementFile([]),
      acknowledgementFile([NAME_REMOVED], [NAME_REMOVED, NAME_REMOVED]),
    ];
    expect(texts.map(prettier)).toEqual(texts);
  });

  it('reads as no acknowledgements when there is no file', () => {
    expect(parseAcknowledgements(undefined)).toEqual({ pending: [], applied: [] });
  });
});

describe('the repository', () => {
  it('composes with no unacknowledged break of the committed supergraph.graphql', () => {
    const committed = apiSchemaOf(fs.readFileSync(SUPERGRAPH_FILE, 'utf8'));
    const { pending } = parseAcknowledgements(fs.readFileSync(BREAKING_CHANGES_FILE, 'utf8'));
    const composed = apiSchemaOf(composeSupergraph());
    const { unacknowledged, stale } = checkSchemaChange(committed, composed, pending);
    expect({ unacknowledged, stale }).toEqual({ unacknowledged: [], stale: [] });
  });
});
