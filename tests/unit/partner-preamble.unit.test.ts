import fs from 'node:fs';
import path from 'node:path';
import { parse, print, type DefinitionNode } from 'graphql';
import { PARTNER_AGENCIES } from '../../shared/agencies';
import { readSchemaFiles } from '../../shared/subgraph';

// Every partner speaks one vocabulary to the gateway and to socialcare: the definitions of
// shared/partner/preamble.graphql (Sex, MatchLevel, AgencyMatch, the chronology's event, ...),
// which each partner's SDL declares word for word, descriptions included.

const ROOT = path.resolve(__dirname, '../..');

const nameOf = (d: DefinitionNode) => ('name' in d && d.name ? d.name.value : d.kind);

const PREAMBLE = parse(
  fs.readFileSync(path.join(ROOT, 'shared', 'partner', 'preamble.graphql'), 'utf8'),
).definitions;

describe('the partner preamble', () => {
  it('holds the shared vocabulary', () => {
    expect(PREAMBLE.map(nameOf)).toEqual(
      expect.arrayContaining(['Sex', 'MatchLevel', 'AgencyMatch', 'ChronologyEvent']),
    );
  });

  it.each(PARTNER_AGENCIES.map((a) => a.name))('is declared word for word by %s', (name) => {
    const own = new Map(
      parse(readSchemaFiles(path.join(ROOT, 'subgraphs', name))).definitions.map((d) => [
        nameOf(d),
        print(d),
      ]),
    );
    const differing = PREAMBLE.filter((d) => own.get(nameOf(d)) !== print(d)).map(nameOf);
    expect(differing).toEqual([]);
  });
});
