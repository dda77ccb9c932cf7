import path from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import {
  BreakingChangeType,
  findBreakingChanges,
  findDangerousChanges,
  type GraphQLSchema,
} from 'graphql';
import {
  BREAKING_CHANGES_FILE,
  formatCompositionErrors,
  SUPERGRAPH_FILE,
  type Composition,
} from './supergraph';

// `npm run compose` refuses to write a supergraph whose API (what clients see) breaks the
// committed one's unless each break is acknowledged, with a reason, in supergraph.breaking.json.
// Everything here is pure: scripts/compose.ts reads the files, calls `planCompose` and writes what
// it says, so the tests can give any supergraph and any acknowledgements.

const SUPERGRAPH = path.basename(SUPERGRAPH_FILE);
const ACKNOWLEDGEMENTS = path.basename(BREAKING_CHANGES_FILE);

/** A change graphql-js finds between two schemas: its `type` code and its sentence. */
export interface SchemaChange {
  type: string;
  description: string;
}

/**
 * A breaking change someone has decided to make. `type` and `description` must equal what
 * `findBreakingChanges` says (the report prints them to copy); `date` is `YYYY-MM-DD`.
 */
export interface Acknowledgement extends SchemaChange {
  reason: string;
  date: string;
}

/**
 * supergraph.breaking.json. `pending`: acknowledgements for the next compose, each of which must
 * match a breaking change it finds. `applied`: those a compose has made, oldest first, kept as the
 * record of what broke, when and why.
 */
export interface AcknowledgementFile {
  pending: Acknowledgement[];
  applied: Acknowledgement[];
}

/** What composing would change in the API, against the acknowledgements pending. */
export interface SchemaCheck {
  /** Breaking changes no pending acknowledgement matches: they stop the compose. */
  unacknowledged: SchemaChange[];
  /** Pending acknowledgements that match a breaking change found, in the file's order. */
  acknowledged: Acknowledgement[];
  /** Pending acknowledgements that match no breaking change: they stop the compose too. */
  stale: Acknowledgement[];
  /** Changes that may change what existing operations get (an enum value added...): warnings. */
  dangerous: SchemaChange[];
}

/** What `npm run compose` gets: the mode, the composition and the two committed files' text. */
export interface ComposeInput {
  /** `write` writes a supergraph that passes; `check` writes nothing and fails when it differs. */
  mode: 'write' | 'check';
  composition: Composition;
  /** supergraph.graphql as committed; undefined when there is none yet. */
  committed: string | undefined;
  /** supergraph.breaking.json as committed; undefined when there is none (no acknowledgements). */
  acknowledgements: string | undefined;
}

/** What `npm run compose` does: the exit code, the report to print and the files to write. */
export interface ComposeOutcome {
  exitCode: 0 | 1;
  report: string;
  /** The new text of each file to write, the supergraph first; empty on failure and in `check`. */
  writes: { supergraph?: string; acknowledgements?: string };
}

/**
 * The API schema of a supergraph: what clients see, without the join and link machinery and
 * without `@inaccessible` elements. Throws when the SDL is not a valid supergraph.
 */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  // `supportedFeatures: null`: which linked features a router can serve is the gateway's check at
  // load; this one is only about the API, whatever features the supergraph links.
  return Supergraph.build(supergraphSdl, { supportedFeatures: null })
    .apiSchema()
    .toGraphQLJSSchema();
}

/**
 * Checks the API schema of a composed supergraph against the committed one's (both from
 * `apiSchemaOf`) and the pending acknowledgements, with graphql-js's `findBreakingChanges` and
 * `findDangerousChanges` (so descriptions change nothing). Each acknowledgement matches at most
 * one breaking change, of the same `type` and `description` exactly. With nothing committed
 * nothing breaks, so every pending acknowledgement is stale.
 */
export function checkSchemaChange(
  committed: GraphQLSchema | undefined,
  composed: GraphQLSchema,
  pending: readonly Acknowledgement[],
): SchemaCheck {
  const plain = ({ type, description }: SchemaChange) => ({ type, description });
  const breaking = committed ? findBreakingChanges(committed, composed).map(plain) : [];
  const dangerous = committed ? findDangerousChanges(committed, composed).map(plain) : [];
  const unmatched = [...pending];
  const unacknowledged: SchemaChange[] = [];
  const matched = new Set<Acknowledgement>();
  for (const change of breaking) {
    const at = unmatched.findIndex(
      (a) => a.type === change.type && a.description === change.description,
    );
    if (at === -1) unacknowledged.push(change);
    else matched.add(unmatched.splice(at, 1)[0]);
  }
  return {
    unacknowledged,
    acknowledged: pending.filter((a) => matched.has(a)),
    stale: unmatched,
    dangerous,
  };
}

const ACKNOWLEDGEMENT_KEYS = ['type', 'description', 'reason', 'date'];

/**
 * Reads supergraph.breaking.json; no file is no acknowledgements. Throws one error listing every
 * problem: not JSON, a missing list, an entry with a key missing, unknown or empty, a `type` that
 * is not a graphql-js breaking change type, a `date` that is not a `YYYY-MM-DD` day.
 */
export function parseAcknowledgements(text: string | undefined): AcknowledgementFile {
  if (text === undefined) return { pending: [], applied: [] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${ACKNOWLEDGEMENTS} is not JSON: ${(error as Error).message}`);
  }
  const problems: string[] = [];
  const file: AcknowledgementFile = { pending: [], applied: [] };
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    problems.push('it must be an object with the lists "pending" and "applied"');
  } else {
    const record = json as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (key !== 'pending' && key !== 'applied') problems.push(`unknown key "${key}"`);
    }
    for (const list of ['pending', 'applied'] as const) {
      const entries = record[list];
      if (!Array.isArray(entries)) {
        problems.push(`"${list}" must be a list (empty when there is nothing to say)`);
        continue;
      }
      entries.forEach((entry: unknown, i) => {
        const entryProblems = acknowledgementProblems(entry);
        problems.push(...entryProblems.map((p) => `${list}[${i}]: ${p}`));
        if (entryProblems.length === 0) file[list].push(entry as Acknowledgement);
      });
    }
  }
  if (problems.length > 0) {
    throw new Error(
      `${ACKNOWLEDGEMENTS} is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
  return file;
}

function acknowledgementProblems(entry: unknown): string[] {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    return ['must be an object with "type", "description", "reason" and "date"'];
  }
  const record = entry as Record<string, unknown>;
  const problems = Object.keys(record)
    .filter((key) => !ACKNOWLEDGEMENT_KEYS.includes(key))
    .map((key) => `unknown key "${key}"`);
  for (const key of ACKNOWLEDGEMENT_KEYS) {
    const value = record[key];
    if (typeof value !== 'string' || value.trim() === '') {
      problems.push(`"${key}" must be a non-empty string`);
    }
  }
  const { type, date } = record;
  const types: string[] = Object.values(BreakingChangeType);
  if (typeof type === 'string' && type !== '' && !types.includes(type)) {
    problems.push(`"type" ${JSON.stringify(type)} is not a breaking change type of graphql-js`);
  }
  if (typeof date === 'string' && date !== '' && !isDay(date)) {
    problems.push(`"date" ${JSON.stringify(date)} is not a day written YYYY-MM-DD`);
  }
  return problems;
}

/** `YYYY-MM-DD` and a day of the calendar (Date would roll 2025-02-30 over to 2 March). */
function isDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const day = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(text);
}

/** supergraph.breaking.json's text for `file`: two-space JSON, as prettier leaves it. */
export function printAcknowledgements(file: AcknowledgementFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

const changeText = (change: SchemaChange) => `${change.type}: ${change.description}`;
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Decides what `npm run compose` (`write`) or `npm run compose -- --check` (`check`) does. Fails,
 * writing nothing, on a composition error, an invalid acknowledgement file, a committed
 * supergraph that does not build, a breaking API change not acknowledged, or a stale
 * acknowledgement. Otherwise `write` writes the supergraph (unless unchanged) and moves the
 * acknowledgements it used from `pending` to `applied`; `check` fails when the committed
 * supergraph is not what composition gives.
 */
export function planCompose(input: ComposeInput): ComposeOutcome {
  const { mode, composition, committed } = input;
  const outcome = (
    exitCode: 0 | 1,
    lines: string[],
    writes: ComposeOutcome['writes'] = {},
  ): ComposeOutcome => ({ exitCode, report: lines.join('\n'), writes });
  const fail = (...lines: string[]) =>
    outcome(1, mode === 'write' ? [...lines, `${SUPERGRAPH} was not written.`] : lines);

  if (!composition.ok) return fail(formatCompositionErrors(composition.errors));
  let acknowledgements: AcknowledgementFile;
  try {
    acknowledgements = parseAcknowledgements(input.acknowledgements);
  } catch (error) {
    return fail((error as Error).message);
  }
  if (mode === 'check' && committed === undefined) {
    return fail(`There is no committed ${SUPERGRAPH}: run \`npm run compose\` and commit it.`);
  }
  let before: GraphQLSchema | undefined;
  try {
    before = committed === undefined ? undefined : apiSchemaOf(committed);
  } catch (error) {
    return fail(
      `The committed ${SUPERGRAPH} is not a valid supergraph, so it cannot be compared: ` +
        `${(error as Error).message}`,
      `Restore it from git, or delete it to write a new one without a comparison.`,
    );
  }
  const after = apiSchemaOf(composition.supergraphSdl);
  const check = checkSchemaChange(before, after, acknowledgements.pending);

  const lines = [
    ...check.acknowledged.map(
      (a) => `Breaking change, acknowledged on ${a.date} (${a.reason}): ${changeText(a)}`,
    ),
    ...check.dangerous.map((c) => `Warning: dangerous change ${changeText(c)}`),
  ];
  if (check.unacknowledged.length > 0) {
    lines.push(
      `${plural(check.unacknowledged.length, 'breaking change', 'breaking changes')} to the API ` +
        `clients see, not acknowledged:`,
      ...check.unacknowledged.map((c) => `  - ${changeText(c)}`),
      `Undo each, or acknowledge it in ${ACKNOWLEDGEMENTS} under "pending" with its "type" and ` +
        `"description" as above, a "reason" and a "date" (YYYY-MM-DD).`,
    );
  }
  if (check.stale.length > 0) {
    lines.push(
      `${plural(check.stale.length, 'acknowledgement', 'acknowledgements')} under "pending" in ` +
        `${ACKNOWLEDGEMENTS} ${check.stale.length === 1 ? 'matches' : 'match'} no breaking change:`,
      ...check.stale.map((a) => `  - ${changeText(a)}`),
      `Correct or remove ${check.stale.length === 1 ? 'it' : 'them'}: left there, an ` +
        `acknowledgement would let a later break of that shape through unreviewed.`,
    );
  }
  const upToDate = committed === composition.supergraphSdl;
  const outOfDate =
    `${SUPERGRAPH} is not what the subgraphs compose to: ` +
    `run \`npm run compose\` and commit it.`;
  if (check.unacknowledged.length > 0 || check.stale.length > 0) {
    return fail(...lines, ...(mode === 'check' && !upToDate ? [outOfDate] : []));
  }
  if (mode === 'check') {
    return upToDate
      ? outcome(0, [...lines, `${SUPERGRAPH} is up to date.`])
      : outcome(1, [...lines, outOfDate]);
  }
  if (upToDate) return outcome(0, [...lines, `${SUPERGRAPH} is unchanged.`]);

  lines.push(`Wrote ${SUPERGRAPH}.`);
  if (check.acknowledged.length === 0) {
    return outcome(0, lines, { supergraph: composition.supergraphSdl });
  }
  lines.push(
    `Moved ${plural(check.acknowledged.length, 'acknowledgement', 'acknowledgements')} from ` +
      `"pending" to "applied" in ${ACKNOWLEDGEMENTS}: commit it with ${SUPERGRAPH}.`,
  );
  return outcome(0, lines, {
    supergraph: composition.supergraphSdl,
    // Every pending acknowledgement matched (a stale one fails above), so none stays pending.
    acknowledgements: printAcknowledgements({
      pending: [],
      applied: [...acknowledgements.applied, ...check.acknowledged],
    }),
  });
}
