import fs from 'node:fs';
import path from 'node:path';
import { Kind, parse, print, type EnumTypeDefinitionNode } from 'graphql';
import {
  AGENCY_REGISTRY,
  LEAD_AGENCY,
  PARTNER_AGENCIES,
  agency,
  parseRegistry,
  withPartnerEvents,
} from '../../shared/agencies';
import { AGENCIES } from '../../shared/auth';
import { DEFAULT_PORTS, SUBGRAPH_NAMES } from '../../shared/config';
import { readSchemaFiles } from '../../shared/subgraph';
import { PARTNERS } from '../../web/app/src/code-lists';

// The agency registry (shared/agencies.json) is the one list of agencies: what lists them reads
// it, and the SDL enums that name agencies are generated from it.

const ROOT = path.resolve(__dirname, '../..');

/** The values of `name` in a subgraph's SDL, or null when it does not declare that enum. */
function enumIn(subgraph: string, name: string): string[] | null {
  const sdl = parse(readSchemaFiles(path.join(ROOT, 'subgraphs', subgraph)));
  const node = sdl.definitions.find(
    (d): d is EnumTypeDefinitionNode =>
      d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === name,
  );
  return node ? (node.values ?? []).map((v) => v.name.value) : null;
}

describe('the agency registry', () => {
  it('names socialcare as the lead and police, health, education and probation as partners, in order', () => {
    expect({
      lead: LEAD_AGENCY.name,
      partners: PARTNER_AGENCIES.map((a) => a.name),
    }).toEqual({ lead: 'socialcare', partners: ['police', 'health', 'education', 'probation'] });
  });

  it('gives the subgraph names, the default ports and the tokens’ agency codes', () => {
    expect({
      names: SUBGRAPH_NAMES,
      ports: DEFAULT_PORTS,
      codes: AGENCIES,
      workbench: PARTNERS,
    }).toEqual({
      names: ['socialcare', 'police', 'health', 'education', 'probation'],
      ports: {
        gateway: 4000,
        socialcare: 4001,
        police: 4002,
        health: 4003,
        education: 4004,
        probation: 4006,
      },
      codes: ['SOCIALCARE', 'POLICE', 'HEALTH', 'EDUCATION', 'PROBATION'],
      workbench: ['POLICE', 'HEALTH', 'EDUCATION', 'PROBATION'],
    });
  });

  it.each(SUBGRAPH_NAMES)("gives %s's SDL its Agency and MatchingAgency enums", (name) => {
    expect({
      agencyEnum: enumIn(name, 'Agency'),
      matchingEnum: enumIn(name, 'MatchingAgency'),
    }).toEqual({
      agencyEnum: AGENCY_REGISTRY.map((a) => a.code),
      matchingEnum: PARTNER_AGENCIES.map((a) => a.code),
    });
  });

  it('is the only place the enums are spelled out: no schema file declares them', () => {
    const declaring = SUBGRAPH_NAMES.filter((name) => {
      const dir = path.join(ROOT, 'subgraphs', name);
      const files = fs.existsSync(path.join(dir, 'schema.graphql'))
        ? [path.join(dir, 'schema.graphql')]
        : fs.readdirSync(path.join(dir, 'schema')).map((f) => path.join(dir, 'schema', f));
      return files.some((f) =>
        /\benum\s+(Agency|MatchingAgency)\b/.test(fs.readFileSync(f, 'utf8')),
      );
    });
    expect(declaring).toEqual([]);
  });

  it("writes every partner's events into the lead's chronology, and leaves other schemas alone", () => {
    const lead =
      'type Child @key(fields: "id") { id: ID! chronology: [ChronologyEvent!] @requires(fields: "$partnerEvents") }';
    const events = PARTNER_AGENCIES.map((a) => `${a.name}Events`);
    const expanded = parse(withPartnerEvents(lead));
    expect({
      requires: print(expanded).match(/requires\(fields: "([^"]*)"\)/)![1],
      external: print(expanded)
        .match(/extend type Child \{([^}]*)\}/)![1]
        .match(/\w+Events/g),
      untouched: withPartnerEvents('type Q { a: String }'),
    }).toEqual({
      requires: events.map((f) => `${f} { at agency kind summary severity }`).join(' '),
      external: events,
      untouched: 'type Q { a: String }',
    });
  });

  it('finds an agency by name or code, and refuses an unknown one', () => {
    expect([agency('police').code, agency('HEALTH').name]).toEqual(['POLICE', 'health']);
    expect(() => agency('prison')).toThrow(/No agency prison in the registry/);
  });

  const entry = (over: Record<string, unknown>) => ({
    name: 'police',
    code: 'POLICE',
    label: 'Police',
    port: 4002,
    role: 'partner',
    identifiers: [],
    colour: '#003078',
    teams: [{ id: 'mash-north', name: 'MASH North' }],
    ...over,
  });
  const lead = entry({ name: 'socialcare', code: 'SOCIALCARE', port: 4001, role: 'lead' });

  it.each([
    ['two share a name', [lead, entry({}), entry({ port: 4009 })], 'two agencies share a name'],
    ['two share a port', [lead, entry({}), entry({ name: 'health', code: 'HEALTH' })], 'a port'],
    ['none leads', [entry({}), entry({ name: 'health', code: 'HEALTH', port: 4003 })], 'one'],
    ['a code is not the name', [lead, entry({ code: 'CONSTABULARY' })], 'in capitals'],
    [
      'one agency has two teams of one id',
      [
        lead,
        entry({
          teams: [
            { id: 'a', name: 'A' },
            { id: 'a', name: 'B' },
          ],
        }),
      ],
      'two POLICE teams share the same id',
    ],
  ])('refuses a registry in which %s', (_case, entries, message) => {
    expect(() => parseRegistry(entries)).toThrow(message);
  });
});
