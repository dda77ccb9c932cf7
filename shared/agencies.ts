/**
 * The agency registry: every agency of the federation, one entry each, in the order the gateway,
 * the screens and the lists show them. Everything that lists agencies reads it (ports and settings,
 * tokens' agency claims, matching, the chronology, the workbench, the tests); the SDL's `Agency`
 * and `MatchingAgency` enums are tested equal to it. The entries live in `agencies.json`, data the
 * workbench's browser code reads too; this module checks them once, at load.
 */
import { z } from 'zod';
import entries from './agencies.json';

const entrySchema = z.object({
  /** The subgraph's name: its folder under subgraphs/, its database suffix, its token audience. */
  name: z.string().regex(/^[a-z]+$/),
  /** The agency's code: the `agency` claim of its staff's tokens and the SDL enums' value. */
  code: z.string().regex(/^[A-Z]+$/),
  /** The agency's name as people say it. */
  label: z.string().min(1),
  /** The subgraph's default port (`<NAME>_PORT` overrides it). */
  port: z.number().int().min(1024).max(65535),
  /**
   * `lead`: the local authority, which holds the child index and the front door (socialcare);
   * `partner`: an agency that matches the children it is asked about against its own records.
   */
  role: z.enum(['lead', 'partner']),
  /** The identifiers a partner matches on beside demographics, as practitioners name them. */
  identifiers: z.array(z.string().min(1)),
  /** The colour the workbench marks the agency's section with. */
  colour: z.string().regex(/^#[0-9a-f]{6}$/),
  /**
   * The agency's registered teams: a user's `team` claim must name one of their agency's (by id or
   * name), and a team is that agency's alone. "The user's team holds the case" compares the
   * agency and the team's id, never free text, so a police team called "MASH North" never holds a
   * socialcare case.
   */
  teams: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
        name: z.string().min(1),
        /** An early help team or provider (socialcare's): it works episodes, never contacts. */
        earlyHelp: z.boolean().optional(),
      }),
    )
    .min(1),
});

/** A team an agency registered: its id (stable, in tokens and grants) and its name (on screens). */
export type Team = AgencyEntry['teams'][number];

export type AgencyEntry = z.infer<typeof entrySchema>;

/** Reads and checks a registry: unique names, codes and ports, and exactly one lead agency. */
export function parseRegistry(data: unknown): readonly AgencyEntry[] {
  const list = z.array(entrySchema).min(2).parse(data);
  for (const key of ['name', 'code', 'port'] as const) {
    const seen = new Set(list.map((a) => a[key]));
    if (seen.size !== list.length) throw new Error(`agency registry: two agencies share a ${key}`);
  }
  if (list.filter((a) => a.role === 'lead').length !== 1) {
    throw new Error('agency registry: exactly one agency leads (the local authority)');
  }
  for (const a of list) {
    for (const key of ['id', 'name'] as const) {
      if (new Set(a.teams.map((t) => t[key])).size !== a.teams.length) {
        throw new Error(`agency registry: two ${a.code} teams share the same ${key}`);
      }
    }
  }
  if (list.some((a) => a.code !== a.name.toUpperCase())) {
    throw new Error("agency registry: an agency's code is its name in capitals");
  }
  return Object.freeze(list.map((a) => Object.freeze(a)));
}

/** Every agency, in order. */
export const AGENCY_REGISTRY: readonly AgencyEntry[] = parseRegistry(entries);

/** The agency that holds the child index and the front door: socialcare. */
export const LEAD_AGENCY: AgencyEntry = AGENCY_REGISTRY.find((a) => a.role === 'lead')!;

/** The partner agencies, which match children against their own records. */
export const PARTNER_AGENCIES: readonly AgencyEntry[] = AGENCY_REGISTRY.filter(
  (a) => a.role === 'partner',
);

/** The entry of the agency with this subgraph name or code; throws for an unknown one. */
export function agency(nameOrCode: string): AgencyEntry {
  const found = AGENCY_REGISTRY.find((a) => a.name === nameOrCode || a.code === nameOrCode);
  if (!found) throw new Error(`No agency ${nameOrCode} in the registry (shared/agencies.json)`);
  return found;
}

/**
 * The team of `agencyCode` a claim or an input names, by id or by name; null when that agency
 * registered no such team.
 */
export function teamOf(agencyCode: string, idOrName: string): Team | null {
  const entry = AGENCY_REGISTRY.find((a) => a.code === agencyCode);
  return entry?.teams.find((t) => t.id === idOrName || t.name === idOrName) ?? null;
}

/**
 * The SDL enums that name agencies, generated from the registry so that no schema spells them out:
 * `Agency` (every agency) and `MatchingAgency` (the partners). `withSharedDefinitions`
 * (shared/subgraph.ts) adds each to a subgraph's SDL that uses it without declaring it.
 */
export const REGISTRY_ENUMS: Readonly<Record<string, string>> = {
  Agency: enumSdl(
    'Agency',
    'An agency taking part in the MASH (the agency registry, shared/agencies.json).',
    AGENCY_REGISTRY,
  ),
  MatchingAgency: enumSdl(
    'MatchingAgency',
    "A partner agency: it matches children against its own index and answers the MASH's checks.",
    PARTNER_AGENCIES,
  ),
};

function enumSdl(name: string, description: string, agencies: readonly AgencyEntry[]): string {
  const values = agencies.map((a) => `  """\n  ${a.label}\n  """\n  ${a.code}`).join('\n');
  return `"""\n${description}\n"""\nenum ${name} {\n${values}\n}\n`;
}

/**
 * Written as a lead schema's `@requires(fields: "$partnerEvents")` (socialcare's `chronology`):
 * every partner's chronology events, `<name>Events`, as the registry lists them. `readSchemaFiles`
 * (shared/subgraph.ts) expands it and declares those fields `@external` on `Child`, so a new
 * partner edits no lead schema.
 */
export const PARTNER_EVENTS = '$partnerEvents';

/** The fields of a chronology event every partner supplies (shared/partner/chronology.ts). */
const EVENT_SELECTION = 'at agency kind summary severity';

/** `sdl` with `PARTNER_EVENTS` expanded from the registry, if it holds it. */
export function withPartnerEvents(sdl: string): string {
  const marker = `"${PARTNER_EVENTS}"`;
  if (!sdl.includes(marker)) return sdl;
  const fields = PARTNER_AGENCIES.map((a) => `${a.name}Events`);
  const selection = fields.map((f) => `${f} { ${EVENT_SELECTION} }`).join(' ');
  const external = fields.map((f) => `  ${f}: [ChronologyEvent!] @external`).join('\n');
  return `${sdl.replace(marker, JSON.stringify(selection)).trimEnd()}\n\nextend type Child {\n${external}\n}\n`;
}
