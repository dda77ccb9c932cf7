/**
 * The borough's places: streets and their postcodes, schools of every phase, GP practices and the
 * emergency departments; and addresses drawn from them. All drawn from the 'places' stream (and
 * Faker, for street names beyond the hand-written ones), so they depend on the seed and scale
 * only.
 */
import { pad, type GpPractice, type Phase, type School, type Street } from '../model';
import {
  CARE_SITES,
  DISTRICT_WEIGHTS,
  ED_WEIGHTS,
  GP_PRACTICES,
  INWARD_LETTERS,
  OUTSIDE_OUTWARDS,
  POSTCODE_SECTORS,
  SCHOOLS,
  STREETS,
} from '../names';
import { WeightedTable, type Rng } from '../random';
import { CHILDREN_PER_SCALE, scaled, stream, type Places, type Setting } from './state';

/** Schools of each phase, per unit of scale. */
const SCHOOL_COUNTS = { PRIMARY: 46, SECONDARY: 12, SPECIAL: 1, ALTERNATIVE_PROVISION: 1 } as const;
/** GP practices per unit of scale. */
const GP_PRACTICES_PER_SCALE = 36;
/** DfE establishment numbers by phase: the school part of the UPNs a school issues. */
const ESTABLISHMENT_RANGES: Record<Phase, [number, number]> = {
  PRIMARY: [2000, 3699],
  SECONDARY: [4000, 4699],
  SPECIAL: [7000, 7099],
  ALTERNATIVE_PROVISION: [1100, 1199],
};

const INWARD_LETTER_LIST = [...INWARD_LETTERS];

/** The two letters that end a postcode's inward code. */
function inwardLetters(rng: Rng): string {
  return rng.pick(INWARD_LETTER_LIST) + rng.pick(INWARD_LETTER_LIST);
}

/** Streets, schools and practices in proportion to the scale; emergency departments by weight. */
export function buildPlaces(setting: Setting): Places {
  const rng = stream(setting, 'places');
  const streets = buildStreets(setting, rng);
  const perDistrict = new Map<string, number>();
  for (const s of streets) perDistrict.set(s.outward, (perDistrict.get(s.outward) ?? 0) + 1);
  const streetTable = new WeightedTable(
    streets,
    streets.map((s) => (DISTRICT_WEIGHTS[s.outward] ?? 0.1) / (perDistrict.get(s.outward) ?? 1)),
  );
  const { schools, schoolTables } = buildSchools(setting, rng, streets);
  const practices = buildPractices(setting, rng, streets);
  const practiceTable = new WeightedTable(
    practices,
    practices.map(() => rng.float(0.4, 1.6)),
  );
  return {
    streets,
    streetTable,
    schools,
    schoolTables,
    practices,
    practiceTable,
    edTable: new WeightedTable([...CARE_SITES.EMERGENCY_DEPARTMENT], [...ED_WEIGHTS]),
  };
}

/** About one street for every 90 households, each with two to four postcodes of its own. */
function buildStreets(setting: Setting, rng: Rng): Street[] {
  const targetHouseholds = (CHILDREN_PER_SCALE * setting.scale) / 2;
  const wanted = Math.max(30, Math.ceil(targetHouseholds / 90));
  const seeds = rng.shuffle([...STREETS]);
  const chosen = seeds.slice(0, Math.min(wanted, seeds.length));
  const names = new Set(chosen.map((s) => s.name));
  const districts = Object.keys(DISTRICT_WEIGHTS);
  const districtWeights = districts.map((d) => DISTRICT_WEIGHTS[d]);
  // Beyond the hand-written streets (large scales), Faker's en_GB street names fill in.
  for (let guard = 0; chosen.length < wanted && guard < wanted * 20; guard++) {
    const name = setting.faker.location.street();
    if (names.has(name)) continue;
    names.add(name);
    chosen.push({ name, outward: districts[rng.weightedIndex(districtWeights)] });
  }
  const usedPostcodes = new Set<string>();
  return chosen.map((seed) => {
    const sector = rng.pick(POSTCODE_SECTORS[seed.outward]);
    const postcodes: string[] = [];
    const units = rng.int(2, 4);
    while (postcodes.length < units) {
      const pc = `${seed.outward} ${sector}${inwardLetters(rng)}`;
      if (usedPostcodes.has(pc)) continue;
      usedPostcodes.add(pc);
      postcodes.push(pc);
    }
    return {
      name: seed.name,
      outward: seed.outward,
      postcodes,
      maxNumber: rng.int(60, 240),
      used: new Set(),
    };
  });
}

/** Schools of every phase, named from the list and then after streets; unique URNs. */
function buildSchools(
  setting: Setting,
  rng: Rng,
  streets: readonly Street[],
): Pick<Places, 'schools' | 'schoolTables'> {
  const schools: School[] = [];
  const schoolTables = new Map<Phase, WeightedTable<School>>();
  const usedUrns = new Set<string>();
  const usedEstab = new Set<string>();
  for (const phase of ['PRIMARY', 'SECONDARY', 'SPECIAL', 'ALTERNATIVE_PROVISION'] as const) {
    const count = scaled(setting, SCHOOL_COUNTS[phase], 1 + (phase === 'PRIMARY' ? 1 : 0));
    const pool = rng.shuffle(SCHOOLS.filter((s) => s.phase === phase).map((s) => s.name));
    const suffix =
      phase === 'PRIMARY' ? 'Primary School' : phase === 'SECONDARY' ? 'Academy' : 'School';
    for (let i = 0; pool.length < count; i++) {
      const stem = streets[i % streets.length].name.replace(
        / (Road|Lane|Avenue|Gardens|Grove|Street|Close|Park)$/,
        '',
      );
      const name = `${stem} ${suffix}`;
      if (!pool.includes(name)) pool.push(name);
      if (i > count * 50) pool.push(`${name} ${i}`);
    }
    for (let i = 0; i < count; i++) {
      let urn: string;
      do urn = String(rng.int(100000, 149999));
      while (usedUrns.has(urn));
      usedUrns.add(urn);
      let estab: string;
      do estab = String(rng.int(ESTABLISHMENT_RANGES[phase][0], ESTABLISHMENT_RANGES[phase][1]));
      while (usedEstab.has(estab));
      usedEstab.add(estab);
      schools.push({ urn, name: pool[i], phase, estab });
    }
    const ofPhase = schools.filter((s) => s.phase === phase);
    schoolTables.set(
      phase,
      new WeightedTable(
        ofPhase,
        ofPhase.map(() => rng.float(0.6, 1.4)),
      ),
    );
  }
  return { schools, schoolTables };
}

/** GP practices, named from the list and then after streets; unique practice codes. */
function buildPractices(setting: Setting, rng: Rng, streets: readonly Street[]): GpPractice[] {
  const practices: GpPractice[] = [];
  const practiceCount = scaled(setting, GP_PRACTICES_PER_SCALE, 3);
  const practiceNames = rng.shuffle([...GP_PRACTICES]);
  for (let i = 0; practiceNames.length < practiceCount; i++) {
    const name = `${streets[i % streets.length].name} Surgery`;
    practiceNames.push(practiceNames.includes(name) ? `${name} ${i}` : name);
  }
  const usedCodes = new Set<string>();
  for (let i = 0; i < practiceCount; i++) {
    let code: string;
    do code = `${rng.pick(['F85', 'F85', 'F85', 'F84', 'F83'])}${pad(rng.int(1, 999), 3)}`;
    while (usedCodes.has(code));
    usedCodes.add(code);
    practices.push({ code, name: practiceNames[i] });
  }
  return practices;
}

/** A house number not yet taken on a street drawn by weight; streets grow when full. */
export function newAddress(
  places: Pick<Places, 'streetTable'>,
  rng: Rng,
): { street: Street; addressLine: string; postcode: string } {
  for (;;) {
    const street = places.streetTable.draw(rng);
    for (let tries = 0; tries < 12; tries++) {
      const n = rng.int(1, street.maxNumber);
      if (street.used.has(n)) continue;
      street.used.add(n);
      return { street, addressLine: `${n} ${street.name}`, postcode: rng.pick(street.postcodes) };
    }
    street.maxNumber += 20;
  }
}

/** A postcode somewhere else: another street of the borough, or just outside it. */
export function otherPostcode(
  places: Pick<Places, 'streetTable'>,
  rng: Rng,
  current: string,
): string {
  if (rng.chance(0.35)) {
    const outward = rng.pick(OUTSIDE_OUTWARDS);
    return `${outward} ${rng.int(1, 9)}${inwardLetters(rng)}`;
  }
  for (;;) {
    const pc = rng.pick(places.streetTable.draw(rng).postcodes);
    if (pc !== current) return pc;
  }
}
