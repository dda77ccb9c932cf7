// How well each partner agency finds the child (and the household adults) it is asked about,
// measured against the generator's ground truth. Generates a borough, seeds each partner's own
// database (a throwaway embedded PostgreSQL, or yours with --postgres), runs the partner's real match loader
// (the same blocking query and scoring the subgraph uses) for every person socialcare holds, and
// writes one results file per agency: results/matching-<agency>.md.
//
//   npm run match:accuracy                     scale 1, seed 20251122
//   npm run match:accuracy -- --scale 0.2 --seed 7
//   npm run match:accuracy -- --only probation   one agency
//   npm run match:accuracy -- --postgres postgres://postgres@127.0.0.1:5432/accuracy
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SubgraphName } from '../shared/config';
import { createDatabase, dropSchema } from '../shared/database';
import { createTemporaryCluster } from '../shared/embedded-postgres';
import {
  DEFAULT_MATCH_THRESHOLDS,
  type ChildReference,
  type MatchLevel,
  type MatchResult,
  type MatchThresholds,
} from '../shared/partner/matching';
import { seedSubgraph } from '../seed/load';
import { SCHEMAS } from '../seed/seed';
import { generateWorld, type TruthPerson, type World } from '../seed/world';
import { createLoaders as createEducationLoaders } from '../subgraphs/education/loaders';
import { createLoaders as createHealthLoaders } from '../subgraphs/health/loaders';
import { createLoaders as createPoliceLoaders } from '../subgraphs/police/loaders';
import { createLoaders as createProbationLoaders } from '../subgraphs/probation/loaders';

/** A partner agency: its part of the generated world bears its name. */
type Partner = Exclude<keyof World, 'socialcare' | 'truth'>;
type Kind = 'children' | 'adults';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

/** What one person asked about looks like to the matcher, and who they really are. */
interface Probe {
  reference: ChildReference;
  truth: TruthPerson;
}

function probes(world: World, kind: Kind, partner: Partner): Probe[] {
  const bySocialcareId = new Map(
    world.truth.people.filter((p) => p.socialcareId).map((p) => [p.socialcareId as string, p]),
  );
  const postcodes = new Map(world.socialcare.households.map((h) => [h.id, h.postcode]));
  const rows =
    kind === 'children'
      ? world.socialcare.children.filter((c) => c.dateOfBirth !== null)
      : world.socialcare.adults;
  return rows.flatMap((row) => {
    const truth = bySocialcareId.get(row.id);
    if (!truth) return [];
    const child = kind === 'children' ? (row as World['socialcare']['children'][number]) : null;
    const reference: ChildReference = {
      id: row.id,
      givenName: row.givenName,
      familyName: row.familyName,
      dateOfBirth: row.dateOfBirth,
      sex: row.sex,
      postcode: row.householdId ? (postcodes.get(row.householdId) ?? null) : null,
      ...(partner === 'health' && child ? { nhsNumber: child.nhsNumber } : {}),
      ...(partner === 'education' && child ? { upn: child.upn } : {}),
      matchLinks: [],
    };
    return [{ reference, truth }];
  });
}

const LEVELS: MatchLevel[] = ['CONFIRMED', 'PROBABLE', 'POSSIBLE'];

interface Tally {
  /** Per level: answers given, and how many pointed at the right record. */
  levels: Record<MatchLevel, { given: number; right: number }>;
  /** People the agency holds, and how many of them were found at any level. */
  held: number;
  found: number;
  /** People the agency holds that were not found, by the discrepancies in the agency's record. */
  missedBy: Map<string, number>;
  /** Wrong answers at CONFIRMED or PROBABLE, for the report. */
  wrong: { id: string; level: MatchLevel; reasons: string[] }[];
}

function tally(results: MatchResult<unknown>[], asked: Probe[], partner: Partner): Tally {
  const t: Tally = {
    levels: {
      CONFIRMED: { given: 0, right: 0 },
      PROBABLE: { given: 0, right: 0 },
      POSSIBLE: { given: 0, right: 0 },
      NONE: { given: 0, right: 0 },
    },
    held: 0,
    found: 0,
    missedBy: new Map(),
    wrong: [],
  };
  results.forEach((r, i) => {
    const { truth, reference } = asked[i];
    const expected = truth[`${partner}Id`];
    const right =
      r.level === 'POSSIBLE'
        ? expected !== null &&
          (r.agencyReference === expected ||
            r.candidates.some((c) => c.agencyReference === expected))
        : r.level === 'NONE'
          ? expected === null
          : r.agencyReference === expected;
    t.levels[r.level].given += 1;
    if (right) t.levels[r.level].right += 1;
    if (expected !== null) {
      t.held += 1;
      if (right && r.level !== 'NONE') t.found += 1;
      else {
        const own = truth.discrepancies[partner] ?? [];
        const socialcare = truth.discrepancies.socialcare ?? [];
        const why =
          [...own, ...socialcare.map((d) => `socialcare ${d}`)].join(' + ') ||
          (reference.dateOfBirth ? 'none recorded' : 'no date of birth in socialcare');
        t.missedBy.set(why, (t.missedBy.get(why) ?? 0) + 1);
      }
    }
    if (!right && (r.level === 'CONFIRMED' || r.level === 'PROBABLE')) {
      t.wrong.push({ id: reference.id, level: r.level, reasons: r.reasons });
    }
  });
  return t;
}

const ratio = (a: number, b: number) => (b === 0 ? 'n/a' : (a / b).toFixed(4));

function report(
  partner: Partner,
  tallies: Record<Kind, Tally>,
  world: World,
  thresholds: MatchThresholds,
  seconds: number,
  database: string,
): string {
  const lines: string[] = [
    `# Matching accuracy: ${partner}`,
    '',
    `Generated by \`npm run match:accuracy\` on ${new Date().toISOString()}: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, Node ${process.version}, ${database}.`,
    `Borough: seed ${world.truth.seed}, scale ${world.truth.scale}, as of ${world.truth.asOf}. Thresholds: PROBABLE ${thresholds.probable}, POSSIBLE ${thresholds.possible}. Took ${seconds.toFixed(1)} s.`,
    '',
    'Precision: of the answers at a level, the share naming the right record (for POSSIBLE, the right record among the candidates offered). Recall: of the people the agency really holds, the share found at any level. Goals: no wrong CONFIRMED; PROBABLE precision at least 0.99; recall at least 0.95.',
    '',
  ];
  for (const kind of ['children', 'adults'] as Kind[]) {
    const t = tallies[kind];
    if (!t) continue;
    lines.push(
      `## ${kind === 'children' ? 'Children' : 'Household adults'}`,
      '',
      '| level | answers | right | precision |',
      '| --- | ---: | ---: | ---: |',
      ...LEVELS.map(
        (l) =>
          `| ${l} | ${t.levels[l].given} | ${t.levels[l].right} | ${ratio(t.levels[l].right, t.levels[l].given)} |`,
      ),
      `| NONE | ${t.levels.NONE.given} | ${t.levels.NONE.right} (not held) | ${ratio(t.levels.NONE.right, t.levels.NONE.given)} |`,
      '',
      `Recall over all levels: ${t.found} of ${t.held} held = **${ratio(t.found, t.held)}**. Wrong CONFIRMED: **${t.levels.CONFIRMED.given - t.levels.CONFIRMED.right}**. PROBABLE precision: **${ratio(t.levels.PROBABLE.right, t.levels.PROBABLE.given)}**.`,
      '',
    );
    if (t.missedBy.size > 0) {
      lines.push(
        'Missed, by what differs in the agency record:',
        '',
        '| discrepancies | missed |',
        '| --- | ---: |',
        ...[...t.missedBy.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `| ${k} | ${n} |`),
        '',
      );
    }
    if (t.wrong.length > 0) {
      lines.push(
        `Wrong CONFIRMED or PROBABLE answers (first 10 of ${t.wrong.length}):`,
        '',
        ...t.wrong.slice(0, 10).map((w) => `- ${w.id} ${w.level}: ${w.reasons.join('; ')}`),
        '',
      );
    }
  }
  return lines.join('\n');
}

const LOADERS = {
  police: (ds: Parameters<typeof createPoliceLoaders>[0], t: MatchThresholds, now: Date) => {
    const l = createPoliceLoaders(ds, t, now);
    return { children: l.personByChild, adults: l.personByAdult };
  },
  health: (ds: Parameters<typeof createHealthLoaders>[0], t: MatchThresholds, now: Date) => {
    const l = createHealthLoaders(ds, t, now);
    return { children: l.patientByChild, adults: l.patientByAdult };
  },
  education: (ds: Parameters<typeof createEducationLoaders>[0], t: MatchThresholds, now: Date) => {
    const l = createEducationLoaders(ds, t, now);
    return { children: l.pupilByChild, adults: null };
  },
  // Probation match a child against the children recorded on its cases, an adult against its
  // person index.
  probation: (ds: Parameters<typeof createProbationLoaders>[0], t: MatchThresholds, now: Date) => {
    const l = createProbationLoaders(ds, t, now);
    return { children: l.knownChildByChild, adults: l.offenderByAdult };
  },
};

const BATCH = 500;
/** The day the borough is generated for, and matched on. */
const AS_OF = new Date('2026-11-20T12:00:00Z');

async function main(): Promise<void> {
  const scale = Number(arg('scale', '1'));
  const seed = Number(arg('seed', '20251122'));
  const postgres = arg('postgres', '');
  const outDir = arg('out', 'results');
  const thresholds: MatchThresholds = {
    probable: Number(arg('probable', String(DEFAULT_MATCH_THRESHOLDS.probable))),
    possible: Number(arg('possible', String(DEFAULT_MATCH_THRESHOLDS.possible))),
  };
  const world = generateWorld({ seed, scale, asOf: AS_OF });
  fs.mkdirSync(outDir, { recursive: true });
  // Without --postgres, a throwaway embedded cluster of its own.
  const temporary = postgres ? null : await createTemporaryCluster();
  const server = postgres || temporary!.adminUrl();
  const only = arg('only', '');
  for (const partner of Object.keys(LOADERS) as Partner[]) {
    if (only && partner !== only) continue;
    const started = Date.now();
    const schema = `accuracy_${partner}`;
    const db = await createDatabase({
      database: { kind: 'postgres', url: server, schema },
      ...SCHEMAS[partner as SubgraphName],
    });
    try {
      await seedSubgraph(partner, db.dataSource, world);
      const tallies = {} as Record<Kind, Tally>;
      for (const kind of ['children', 'adults'] as Kind[]) {
        const asked = probes(world, kind, partner);
        const results: MatchResult<unknown>[] = [];
        for (let i = 0; i < asked.length; i += BATCH) {
          // A fresh loader per batch, as a request would have: one candidate query per batch.
          // Matched on the borough's own day: who is a child turns on the date, and the borough's
          // ages are as of the day it was generated for, not the day the script runs.
          const loader = LOADERS[partner](db.dataSource, thresholds, AS_OF)[kind];
          if (!loader) break;
          const batch = await loader.loadMany(asked.slice(i, i + BATCH).map((p) => p.reference));
          for (const r of batch) {
            if (r instanceof Error) throw r;
            results.push(r as MatchResult<unknown>);
          }
        }
        if (results.length > 0) tallies[kind] = tally(results, asked, partner);
      }
      const text = report(
        partner,
        tallies,
        world,
        thresholds,
        (Date.now() - started) / 1000,
        postgres ? 'PostgreSQL' : 'embedded PostgreSQL',
      );
      const file = path.join(outDir, `matching-${partner}.md`);
      fs.writeFileSync(file, `${text}\n`);
      const c = tallies.children;
      console.log(
        `${partner}: children recall ${ratio(c.found, c.held)}, PROBABLE precision ${ratio(c.levels.PROBABLE.right, c.levels.PROBABLE.given)}, wrong CONFIRMED ${c.levels.CONFIRMED.given - c.levels.CONFIRMED.right} -> ${file}`,
      );
    } finally {
      await db.close();
      if (postgres) await dropSchema(postgres, schema);
    }
  }
  await temporary?.destroy();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
