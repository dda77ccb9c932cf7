/**
 * Who made a contact to the MASH, as the front door writes it down: an officer with a collar
 * number, a school's safeguarding lead, a GP, a health visitor, a midwife; surnames from the
 * seeded Faker.
 */
import type { Person } from '../model';
import { HEALTH_CENTRES, OTHER_LAS } from '../names';
import type { Rng } from '../random';
import { enrolmentOn } from './education';
import type { WorldState } from './state';

function surname(state: WorldState): string {
  return state.faker.person.lastName();
}

/** A police officer (rank, collar number, surname) or the MASH police desk. */
export function policeReferrer(state: WorldState, rng: Rng): string {
  const r = rng.next();
  if (r < 0.6) return `PC ${rng.int(1000, 9999)} ${surname(state)}, Met Police`;
  if (r < 0.75) return `DC ${rng.int(100, 9999)} ${surname(state)}, Met Police CSU`;
  if (r < 0.85) return `PS ${rng.int(10, 999)} ${surname(state)}, Met Police`;
  return 'MASH police desk (MERLIN), Met Police';
}

/** The referrer of a contact from `source` about `child` on `day`. */
export function referrer(
  state: WorldState,
  rng: Rng,
  source: string,
  child: Person,
  day: number,
): string {
  switch (source) {
    case '6':
      return policeReferrer(state, rng);
    case '2A': {
      const school = enrolmentOn(child, day)?.school.name ?? 'school not recorded';
      const role = rng.weighted({
        'Designated Safeguarding Lead': 7,
        'Deputy DSL': 2,
        Headteacher: 1,
      });
      return `${role}, ${school}`;
    }
    case '3A': {
      const practice = child.gp ?? state.practices[0];
      return `Dr ${surname(state)}, ${practice.name}`;
    }
    case '3B':
      return `Health visitor, ${rng.pick(HEALTH_CENTRES)}`;
    case '3C': {
      const school = enrolmentOn(child, day)?.school.name ?? 'school not recorded';
      return `School nurse, ${school}`;
    }
    case '3E':
      return `Paediatric liaison nurse, ${state.edTable.draw(rng).replace(/ ED$/, '')}`;
    case '1C':
      return rng.pick(['Self (young person), by phone', 'Self (young person), at the office']);
    case '5C':
      return `Children's social care, ${rng.pick(OTHER_LAS).name}`;
    case '9':
      return 'Anonymous caller';
    case '10':
      return 'Not recorded';
    default:
      return 'Not recorded';
  }
}

/** The referrer of a pre-birth contact from `source`. */
export function preBirthReferrer(state: WorldState, rng: Rng, source: string): string {
  switch (source) {
    case '3F':
      return 'Specialist midwife (safeguarding), North Middlesex University Hospital';
    case '3D':
      return 'Community midwife, Tottenham Hale HC';
    case '3B':
      return `Health visitor, ${rng.pick(HEALTH_CENTRES)}`;
    case '6':
      return policeReferrer(state, rng);
    case '8':
      return 'IDVA, domestic abuse service';
    default:
      return `Children's social care, ${rng.pick(OTHER_LAS).name}`;
  }
}
