import { decideIntelligence, PoliceAccessCode } from '../access';
import { isValidPncId } from '../../../shared/identifiers';
import type { MatchResult } from '../../../shared/partner/matching';
import { localDate } from '../../../shared/time';
import type { PoliceContext } from '../context';
import type { MaracReferral, Person } from '../entities';
import { uncoveredOccurrences } from '../events';
import type { PersonCourtOrder, PersonRecords } from '../loaders';
import { describePoliceRecord, type DashRiskLevel } from '../summary';
import { clearedAgencies, intelligenceDecisions, type ItemAbout } from './intelligence';

/**
 * Police's section of one child or household adult: the match, and what the audit rows name (the
 * child, or no child and the adult in the subject).
 */
export interface Section {
  childId: string | null;
  /** `PoliceSection`, or `Adult <id> PoliceAdultSection`. */
  subject: string;
  /** Missing episodes are a child's record; an adult's section leaves them out. */
  isChild: boolean;
  match: MatchResult<Person>;
}

/**
 * Everything police hold about one matched person, from one statement per batch of persons; an
 * adult's section (`withMissing` false) leaves missing episodes out.
 */
export async function recordsOf(
  personId: string,
  ctx: PoliceContext,
  withMissing: boolean,
): Promise<PersonRecords> {
  const records = await ctx.loaders.recordsByPersonId.load(personId);
  return withMissing ? records : { ...records, missing: [] };
}

/** Whether a court order is in force on the local date `today` (made, and not yet expired). */
function inForce(order: { madeOn: string; expiresOn: string | null }, today: string): boolean {
  return order.madeOn <= today && (order.expiresOn === null || order.expiresOn >= today);
}

async function summarise(section: Section, ctx: PoliceContext): Promise<string> {
  const { match } = section;
  if (match.level === 'NONE') return 'No record in the police person index';
  if (!match.record) return 'Possible match in the police person index; confirm before disclosure';
  const r = await recordsOf(match.record.id, ctx, section.isChild);
  const decided = intelligenceDecisions(r, ctx);
  const withheld = decided.some((d) => !d.decision.allowed);
  if (withheld) {
    // The summary says only that such intelligence is held: no count, no date. That is a
    // withholding, and is recorded.
    ctx.audit.record({
      action: 'READ',
      subject: section.subject,
      childId: section.childId,
      fields: ['summary'],
      outcome: 'WITHHELD',
      reason: PoliceAccessCode.WITHHELD_HANDLING_CODE,
      lawfulBasis: null,
    });
  }
  const today = localDate(ctx.now);
  return describePoliceRecord(
    {
      domesticAbuse: r.domesticAbuse.map((d) => ({
        at: d.occurredAt,
        dashRisk: d.dashRisk as DashRiskLevel,
      })),
      missing: section.isChild ? r.missing : undefined,
      marac: r.marac,
      courtOrders: r.courtOrders.map((o) => ({
        kind: o.kind,
        party: o.party,
        inForce: inForce(o, today),
      })),
      arrests: r.arrests.map((a) => ({
        at: a.arrestedAt,
        offenceCategory: a.offenceCategory,
        outcome: a.outcome,
      })),
      otherOccurrences: uncoveredOccurrences(r.occurrences, r.domesticAbuse, r.missing).map(
        (o) => ({ at: o.occurrence.occurredAt }),
      ),
      intelligence: {
        shown: decided.filter((d) => d.decision.allowed).map((d) => ({ at: d.item.recordedAt })),
        withheld,
      },
    },
    ctx.now,
  );
}

/** A list field of a section: empty unless the match is CONFIRMED or PROBABLE. */
function recordList<T>(list: (records: PersonRecords) => T[]) {
  return async (s: Section, _: unknown, ctx: PoliceContext): Promise<T[]> =>
    s.match.record ? list(await ctx.loaders.recordsByPersonId.load(s.match.record.id)) : [];
}

/** The fields PoliceSection and PoliceAdultSection share. */
const sectionFields = {
  match: (s: Section) => s.match,
  summary: (s: Section, _: unknown, ctx: PoliceContext) => summarise(s, ctx),
  person: (s: Section) => s.match.record,
  intelligence: async (s: Section, _: unknown, ctx: PoliceContext): Promise<ItemAbout[]> => {
    if (!s.match.record) return [];
    const records = await ctx.loaders.recordsByPersonId.load(s.match.record.id);
    const about = records.intelligence.map((item) => ({
      ...item,
      childId: s.childId,
      conditionsMetFor: clearedAgencies(records, item.id),
    }));
    // Police read every item newest first. Anyone else gets C-coded items after the P-coded ones,
    // in reference order: their place among dated items would hint at the dates withheld.
    if (decideIntelligence(ctx.principal, 'C', []).allowed) return about;
    return [
      ...about.filter((i) => i.handlingCode !== 'C'),
      ...about.filter((i) => i.handlingCode === 'C').sort((a, b) => a.id.localeCompare(b.id)),
    ];
  },
  domesticAbuse: recordList((r) => r.domesticAbuse),
  arrests: recordList((r) => r.arrests),
  maracReferrals: recordList((r) => r.marac),
  courtOrders: recordList((r) => r.courtOrders),
};

/**
 * Police's resolvers on its sections of a child and of a household adult, and on the records they
 * list: the match, the summary, and each kind of record, empty unless the match is CONFIRMED or
 * PROBABLE.
 */
export const sectionResolvers = {
  PoliceSection: {
    ...sectionFields,
    occurrences: recordList((r) => r.occurrences.map((l) => ({ ...l.occurrence, role: l.role }))),
    missingEpisodes: recordList((r) => r.missing),
  },
  PoliceAdultSection: sectionFields,
  MaracReferral: {
    domesticAbuseNotificationId: (m: MaracReferral) => m.daNotificationId,
  },
  PoliceCourtOrder: {
    inForce: (o: PersonCourtOrder, _: unknown, ctx: PoliceContext) =>
      inForce(o, localDate(ctx.now)),
  },
  PolicePerson: {
    pncIdValid: (p: Person) => (p.pncId ? isValidPncId(p.pncId) : null),
  },
};
