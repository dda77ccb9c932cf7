/**
 * Early help after step-down: an episode for every `STEP_DOWN_TO_EARLY_HELP` decision, as the
 * service opens one (subgraphs/socialcare/earlyhelp/open.ts), worked to a realistic end: about 70%
 * of families accept (most within 10 working days; some never answer), most acceptances get an
 * early help assessment (many started within 10 working days of the step-down) completed some weeks
 * later by the provider, a school or health, a lead practitioner from a small fictional list per
 * provider, and closures mostly NEEDS_MET. A child who comes back to the MASH while the episode is
 * open is often stepped up: the episode closes STEPPED_UP naming that later contact (the world's
 * own, so no contact is added and every other row stays as it was); the rest of the returns are
 * unrelated new contacts. Reads socialcare's rows and draws from its own stream only.
 */
import { londonDay } from './calendar';
import { dateText } from './model';
import type { Rng } from './random';
import type { ScEarlyHelpEpisode, SocialcareData } from './world/types';

/** The registered providers (the AddEarlyHelp migration's list) and their lead practitioners. */
const LEADS: Readonly<Record<string, readonly string[]>> = {
  'eh-north': ['Jo Marsh', 'Tariq Bell', 'Niamh Carter'],
  'eh-south': ['Grace Adeyemi', 'Owen Pryce', 'Lena Novak'],
  'eh-central': ['Sara Whitlock', 'Dev Mistry', 'Kemi Ade'],
  'family-hub-west': ['Alys Morgan', 'Ben Osei'],
  'school-inclusion': ['Hannah Lowe', 'Marek Zielinski'],
  'health-visiting-eh': ['Ruth Okoye', 'Fiona Grant'],
  'parenting-plus': ['Carla Reyes', 'Sam Whitfield'],
};
const PROVIDER_NAMES: Readonly<Record<string, string>> = {
  'eh-north': 'Early Help North',
  'eh-south': 'Early Help South',
  'eh-central': 'Early Help Central',
  'family-hub-west': 'West Green Family Hub',
  'school-inclusion': 'Schools Inclusion Service',
  'health-visiting-eh': 'Health Visiting Early Help',
  'parenting-plus': 'Parenting Plus (commissioned)',
};
const DEFAULT_PROVIDER: Readonly<Record<string, string>> = {
  'MASH North': 'eh-north',
  'MASH South': 'eh-south',
  'MASH Central': 'eh-central',
};
const OTHER_PROVIDERS = [
  'family-hub-west',
  'school-inclusion',
  'health-visiting-eh',
  'parenting-plus',
];
/** Schools and health services that complete early help assessments (fictional). */
const SCHOOL_ORGS = ['Northside Primary School', 'Park Lane Academy', 'St Anne’s CE Primary'];
const HEALTH_ORGS = ['Health Visiting Early Help', 'School Nursing Service'];

const RESPONSE = { ACCEPTED: 78, DECLINED: 16, NONE: 6 };
const CLOSURE = { NEEDS_MET: 78, NO_ENGAGEMENT: 10, MOVED_AWAY: 7, OTHER: 5 };
/** Share of children coming back to the MASH during an accepted episode who are stepped up. */
const STEP_UP_SHARE = 0.35;

/** Calendar days roughly `workingDays` working days on (five in seven). */
function workingDaysOn(day: number, workingDays: number): number {
  return day + Math.round((workingDays * 7) / 5);
}

/**
 * The episodes of the world's step-down decisions, in decision-row order (ids EH000001, ...).
 * Nothing after `asOfMs` is recorded: an answer, assessment or closure due later is left open.
 */
export function addEarlyHelp(
  socialcare: Pick<SocialcareData, 'contacts' | 'contactChildren'>,
  rng: Rng,
  asOfMs: number,
): ScEarlyHelpEpisode[] {
  const today = londonDay(asOfMs);
  const contactById = new Map(socialcare.contacts.map((c) => [c.id, c]));
  // Each child's contacts by receipt, to find the next one after a step-down.
  const received = new Map<string, { contactId: string; ms: number }[]>();
  for (const cc of socialcare.contactChildren) {
    const list = received.get(cc.childId) ?? [];
    list.push({
      contactId: cc.contactId,
      ms: Date.parse(contactById.get(cc.contactId)!.receivedAt),
    });
    received.set(cc.childId, list);
  }
  for (const list of received.values()) list.sort((a, b) => a.ms - b.ms);

  const episodes: ScEarlyHelpEpisode[] = [];
  for (const cc of socialcare.contactChildren) {
    if (cc.outcome !== 'STEP_DOWN_TO_EARLY_HELP' || cc.decidedAt === null) continue;
    const contact = contactById.get(cc.contactId)!;
    const decidedMs = Date.parse(cc.decidedAt);
    const stepDay = londonDay(decidedMs);
    const providerId = rng.chance(0.85)
      ? (DEFAULT_PROVIDER[contact.team] ?? 'eh-central')
      : rng.pick(OTHER_PROVIDERS);
    const e: ScEarlyHelpEpisode = {
      id: `EH${String(episodes.length + 1).padStart(6, '0')}`,
      contactId: cc.contactId,
      childId: cc.childId,
      steppedDownAt: cc.decidedAt,
      providerId,
      offeredAt: cc.decidedAt,
      familyResponse: null,
      respondedOn: null,
      assessmentStartedOn: null,
      assessmentCompletedOn: null,
      assessmentOrganisation: null,
      leadPractitioner: null,
      closedOn: null,
      closureReason: null,
      stepUpContactId: null,
      version: 1,
      createdAt: cc.decidedAt,
    };
    episodes.push(e);
    let version = 1;
    const done = (day: number) => day <= today;
    const response = rng.weighted(RESPONSE);
    // Most answer within 10 working days; a few take up to four weeks.
    const answerDay = rng.chance(0.85)
      ? workingDaysOn(stepDay, rng.int(1, 10))
      : stepDay + rng.int(15, 28);
    const next = received
      .get(cc.childId)!
      .find((r) => r.ms > decidedMs && r.contactId !== cc.contactId);
    const nextDay = next ? londonDay(next.ms) : Infinity;
    if (response !== 'NONE' && done(answerDay) && answerDay < nextDay) {
      e.familyResponse = response;
      e.respondedOn = dateText(answerDay);
      version++;
    }
    let endDay: number;
    if (e.familyResponse === 'ACCEPTED') {
      e.leadPractitioner = rng.pick(LEADS[providerId]);
      version++;
      let lastDay = answerDay;
      if (rng.chance(0.85)) {
        const startDay = Math.max(answerDay, workingDaysOn(stepDay, rng.int(2, 16)));
        if (done(startDay) && startDay < nextDay) {
          e.assessmentStartedOn = dateText(startDay);
          version++;
          lastDay = startDay;
          const completeDay = startDay + rng.int(14, 56);
          if (rng.chance(0.85) && done(completeDay) && completeDay < nextDay) {
            e.assessmentCompletedOn = dateText(completeDay);
            const u = rng.next();
            e.assessmentOrganisation =
              u < 0.7
                ? PROVIDER_NAMES[providerId]
                : u < 0.9
                  ? rng.pick(SCHOOL_ORGS)
                  : rng.pick(HEALTH_ORGS);
            version++;
            lastDay = completeDay;
          }
        }
      }
      endDay = lastDay + rng.int(30, 120);
      if (next && nextDay <= endDay && rng.chance(STEP_UP_SHARE)) {
        // The family came back to the MASH while the episode was open: stepped up.
        e.closedOn = dateText(nextDay);
        e.closureReason = 'STEPPED_UP';
        e.stepUpContactId = next.contactId;
      } else if (done(endDay)) {
        e.closedOn = dateText(endDay);
        e.closureReason = rng.weighted(CLOSURE);
      }
    } else if (e.familyResponse === 'DECLINED') {
      if (rng.chance(0.9)) {
        e.closedOn = e.respondedOn;
        e.closureReason = 'FAMILY_DECLINED';
      }
    } else {
      endDay = stepDay + rng.int(30, 60);
      if (done(endDay)) {
        e.closedOn = dateText(endDay);
        e.closureReason = 'NO_ENGAGEMENT';
      }
    }
    if (e.closedOn) version++;
    e.version = version;
  }
  return episodes;
}
