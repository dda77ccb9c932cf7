import fs from 'node:fs';
import path from 'node:path';
import { parse, print, type DefinitionNode } from 'graphql';
import { REGISTRY_ENUMS } from '../../shared/agencies';
import { SUBGRAPH_NAMES } from '../../shared/config';
import { readSchemaFiles, withSharedDefinitions } from '../../shared/subgraph';

// Every subgraph speaks one vocabulary (shared/vocabulary.graphql: Sex, MatchLevel, AgencyMatch,
// the chronology's event, ...) declared once and added to each subgraph's SDL that uses it, so
// no schema holds a copy and every subgraph serves the same words.

const ROOT = path.resolve(__dirname, '../..');
const nameOf = (d: DefinitionNode) => ('name' in d && d.name ? d.name.value : d.kind);
const VOCABULARY = parse(
  fs.readFileSync(path.join(ROOT, 'shared', 'vocabulary.graphql'), 'utf8'),
).definitions;

/** A subgraph's own schema files, as written (before anything is added). */
function ownFiles(name: string): string[] {
  const dir = path.join(ROOT, 'subgraphs', name);
  return fs.existsSync(path.join(dir, 'schema.graphql'))
    ? [path.join(dir, 'schema.graphql')]
    : fs.readdirSync(path.join(dir, 'schema')).map((f) => path.join(dir, 'schema', f));
}

describe('the shared vocabulary', () => {
  it('holds the words partners and socialcare share', () => {
    expect(VOCABULARY.map(nameOf)).toEqual(
      expect.arrayContaining(['Sex', 'MatchLevel', 'AgencyMatch', 'ChronologyEvent', 'Date']),
    );
  });

  it.each(SUBGRAPH_NAMES)('is not copied into %s’s own schema files', (name) => {
    const words = new Map(VOCABULARY.map((d) => [nameOf(d), print(d)]));
    const copies = ownFiles(name).flatMap((f) =>
      parse(fs.readFileSync(f, 'utf8'))
        .definitions.filter((d) => words.get(nameOf(d)) === print(d))
        .map(nameOf),
    );
    expect(copies).toEqual([]);
  });

  it.each(SUBGRAPH_NAMES)('is served by %s word for word wherever it uses it', (name) => {
    const served = new Map(
      parse(readSchemaFiles(path.join(ROOT, 'subgraphs', name))).definitions.map((d) => [
        nameOf(d),
        print(d),
      ]),
    );
    // Socialcare's MatchLink says more than the partners' (its own declaration wins).
    const differing = VOCABULARY.filter(
      (d) => served.has(nameOf(d)) && served.get(nameOf(d)) !== print(d),
    ).map(nameOf);
    expect(differing).toEqual(name === 'socialcare' ? ['MatchLink'] : []);
  });
});

describe('withSharedDefinitions', () => {
  it('adds what a schema uses as a type, and what that uses in turn', () => {
    const added = parse(withSharedDefinitions('type Q { match: AgencyMatch }')).definitions.map(
      nameOf,
    );
    expect(added).toEqual(
      expect.arrayContaining(['Q', 'AgencyMatch', 'MatchLevel', 'MatchCandidate']),
    );
  });

  it('adds nothing a schema only mentions in a comment, and leaves a declared one alone', () => {
    const mentions = 'type Q { a: String } # Sex, Agency';
    const declares = 'type Q { a: Agency! b: [MatchingAgency!] }\nenum Agency { X }';
    expect(withSharedDefinitions(mentions)).toBe(mentions);
    expect(withSharedDefinitions(declares)).toBe(
      `${declares}\n\n${REGISTRY_ENUMS.MatchingAgency.trimEnd()}\n`,
    );
  });
});
