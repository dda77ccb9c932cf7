import { AGENCY_REGISTRY, PARTNER_AGENCIES } from '../../shared/agencies';
import type { ChronologyEvent } from '../../shared/partner/chronology';
import type { SocialcareContext } from './context';
import { CONTACT_SOURCES } from './codes';
import type { Child } from './entities';

/** An event as a partner supplied it through the gateway (`@requires`): instants as text. */
interface SuppliedEvent extends Omit<ChronologyEvent, 'at'> {
  at: string | Date;
}

/** The field each partner supplies its events in: `<name>Events`, e.g. `policeEvents`. */
export const PARTNER_EVENT_FIELDS: readonly string[] = PARTNER_AGENCIES.map(
  (a) => `${a.name}Events`,
);

/**
 * The child as socialcare receives it for `chronology`: its own row plus each partner's events
 * (`policeEvents`, ...: one field per partner of the registry).
 */
export type ChildWithEvents = Child & Partial<Record<string, SuppliedEvent[] | null>>;

const OUTCOME_WORDS: Record<string, string> = {
  NO_FURTHER_ACTION: 'no further action',
  ADVICE_AND_SIGNPOST: 'advice and signposting',
  STEP_DOWN_TO_EARLY_HELP: 'step down to early help',
  ASSESSMENT_REQUIRED: 'referral for assessment',
  STRATEGY_DISCUSSION: 'strategy discussion',
  OTHER: 'other outcome',
};

const RAG_SEVERITY = { RED: 'HIGH', AMBER: 'MEDIUM', GREEN: 'LOW', BLUE: 'LOW' } as const;

/** Socialcare's own events for a child: contacts received and decided, referrals made and accepted. */
async function socialcareEvents(child: Child, ctx: SocialcareContext): Promise<ChronologyEvent[]> {
  const read = await ctx.loaders.socialcareEventsByChildId.load(child.id);
  const events: ChronologyEvent[] = [];
  for (const contact of read?.contacts ?? []) {
    const source = CONTACT_SOURCES[contact.sourceCode] ?? 'unknown source';
    events.push({
      at: contact.receivedAt,
      agency: 'SOCIALCARE',
      kind: 'CONTACT_RECEIVED',
      summary: `Contact from ${source}${contact.rag ? `, rated ${contact.rag}` : ''}`,
      severity: contact.rag ? RAG_SEVERITY[contact.rag as keyof typeof RAG_SEVERITY] : 'LOW',
    });
    if (contact.decidedAt && contact.level !== null) {
      events.push({
        at: contact.decidedAt,
        agency: 'SOCIALCARE',
        kind: 'THRESHOLD_DECISION',
        summary: `Threshold decision: level ${contact.level}, ${OUTCOME_WORDS[contact.outcome ?? 'OTHER'] ?? contact.outcome}`,
        severity: contact.level >= 4 ? 'HIGH' : contact.level === 3 ? 'MEDIUM' : 'LOW',
      });
    }
  }
  for (const r of read?.referrals ?? []) {
    events.push({
      at: r.createdAt,
      agency: 'SOCIALCARE',
      kind: 'REFERRAL',
      summary: "Referral to children's social care",
      severity: 'MEDIUM',
    });
    if (r.completedAt) {
      events.push({
        at: r.completedAt,
        agency: 'SOCIALCARE',
        kind: 'REFERRAL_ACCEPTED',
        summary: 'Referral accepted by the receiving team',
        severity: 'LOW',
      });
    }
  }
  return events;
}

/** Ties between agencies' events at one instant go in the registry's order. */
const AGENCY_ORDER = AGENCY_REGISTRY.map((a) => a.code);

/**
 * Every agency's events for a child merged oldest first (ties: agency order, then kind). Partners'
 * events arrive through the gateway already filtered by each partner's own rules; an agency that
 * refused or could not be reached contributes nothing here, and its error travels beside the answer.
 */
export async function mergedChronology(
  child: ChildWithEvents,
  ctx: SocialcareContext,
  since: Date | null,
): Promise<ChronologyEvent[]> {
  const supplied = PARTNER_EVENT_FIELDS.flatMap(
    (field) => (child[field] as SuppliedEvent[] | null | undefined) ?? [],
  ).map((e) => ({ ...e, at: new Date(e.at) }));
  return [...(await socialcareEvents(child, ctx)), ...supplied]
    .filter((e) => !since || e.at >= since)
    .sort(
      (a, b) =>
        a.at.getTime() - b.at.getTime() ||
        AGENCY_ORDER.indexOf(a.agency) - AGENCY_ORDER.indexOf(b.agency) ||
        a.kind.localeCompare(b.kind),
    );
}
