import { localDate } from '../../shared/time';
import { ago, inLastYear, latest, plural, words } from '../../shared/partner/summary';

/**
 * The one line police give the MASH screen about a person: what bears on a threshold decision
 * first (missing now, domestic abuse, MARAC, orders in force), then the rest, counted over the
 * last 12 months with how long ago the latest was. Pure: the resolvers gather the facts (already
 * reduced to what the reader may see) and pass `now`.
 */

/** DASH risk of a domestic abuse notification. */
export type DashRiskLevel = 'STANDARD' | 'MEDIUM' | 'HIGH';

/** What the police summary is built from; every list may be empty. */
export interface PoliceSummaryFacts {
  /** Domestic abuse notifications the person is linked to, by occurrence time. */
  domesticAbuse: { at: Date; dashRisk: DashRiskLevel }[];
  /** Missing episodes; leave undefined to say nothing of them (adults). */
  missing?: { startedAt: Date; endedAt: Date | null; returnInterviewDone: boolean }[];
  /** MARAC referrals of the person as victim. */
  marac: { referredAt: Date; conferenceDate: string | null }[];
  /** Court orders naming the person; only those in force are mentioned. */
  courtOrders: { kind: string; party: 'PROTECTED' | 'RESPONDENT'; inForce: boolean }[];
  arrests: { at: Date; offenceCategory: string; outcome: string }[];
  /** Occurrences not already counted as a DA notification or a missing episode. */
  otherOccurrences: { at: Date }[];
  /**
   * Intelligence the reader may see (dated), and whether there is more they may not (handling
   * code C, conditions not met for their agency): that is only ever said to exist.
   */
  intelligence: { shown: { at: Date }[]; withheld: boolean };
}

const RISK_ORDER: DashRiskLevel[] = ['STANDARD', 'MEDIUM', 'HIGH'];

/** How each court order reads in a sentence, with its article. */
const ORDER_WORDS: Record<string, string> = {
  NON_MOLESTATION_ORDER: 'a non-molestation order',
  OCCUPATION_ORDER: 'an occupation order',
  RESTRAINING_ORDER: 'a restraining order',
  DOMESTIC_VIOLENCE_PROTECTION_ORDER: 'a domestic violence protection order',
  CHILD_ARRANGEMENTS_PROHIBITED_STEPS: 'a prohibited steps order',
};

/** "once", "twice", "3 times". */
function times(n: number): string {
  return n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`;
}

function domesticAbuse(facts: PoliceSummaryFacts, now: Date): string | null {
  const all = facts.domesticAbuse;
  if (all.length === 0) return null;
  const last = ago(latest(all, (d) => d.at).at, now);
  const recent = all.filter((d) => inLastYear(d.at, now));
  if (recent.length === 0) {
    return `${plural(all.length, 'DA incident')}, none in 12 months (last ${last})`;
  }
  const highest = recent.reduce((a, b) =>
    RISK_ORDER.indexOf(b.dashRisk) > RISK_ORDER.indexOf(a.dashRisk) ? b : a,
  ).dashRisk;
  return `${plural(recent.length, 'DA incident')} in 12 months, last ${last}, ${words(highest)} risk`;
}

function missingNow(facts: PoliceSummaryFacts, now: Date): string | null {
  const open = (facts.missing ?? []).filter((m) => m.endedAt === null && m.startedAt <= now);
  if (open.length === 0) return null;
  return `missing now (reported ${ago(latest(open, (m) => m.startedAt).startedAt, now)})`;
}

function missingHistory(facts: PoliceSummaryFacts, now: Date): string | null {
  const all = facts.missing ?? [];
  if (all.length === 0) return null;
  const recent = all.filter((m) => inLastYear(m.startedAt, now));
  if (recent.length === 0) return `missing ${times(all.length)}, none in 12 months`;
  const ended = recent.filter((m) => m.endedAt !== null);
  const notDone = ended.filter((m) => !m.returnInterviewDone).length;
  const interviews =
    ended.length === 0
      ? null
      : notDone === 0
        ? ended.length === 1
          ? 'return interview done'
          : 'return interviews done'
        : notDone === ended.length
          ? ended.length === 1
            ? 'return interview not done'
            : 'no return interview done'
          : `return interview not done for ${notDone} of ${ended.length}`;
  return [`missing ${times(recent.length)} in 12 months`, interviews].filter(Boolean).join(', ');
}

function marac(facts: PoliceSummaryFacts, now: Date): string | null {
  if (facts.marac.length === 0) return null;
  const last = latest(facts.marac, (m) => m.referredAt);
  const referred =
    facts.marac.length === 1
      ? `MARAC referral ${ago(last.referredAt, now)}`
      : `${plural(facts.marac.length, 'MARAC referral')}, last ${ago(last.referredAt, now)}`;
  const today = localDate(now);
  const conference =
    last.conferenceDate === null
      ? 'not yet heard'
      : last.conferenceDate > today
        ? `conference ${last.conferenceDate}`
        : `heard ${last.conferenceDate}`;
  return `${referred}, ${conference}`;
}

function courtOrders(facts: PoliceSummaryFacts): string[] {
  const inForce = facts.courtOrders.filter((o) => o.inForce);
  const list = (party: 'PROTECTED' | 'RESPONDENT') => {
    const kinds = [
      ...new Set(
        inForce.filter((o) => o.party === party).map((o) => ORDER_WORDS[o.kind] ?? 'an order'),
      ),
    ];
    return kinds.length <= 1
      ? kinds.join('')
      : `${kinds.slice(0, -1).join(', ')} and ${kinds[kinds.length - 1]}`;
  };
  const protectedBy = list('PROTECTED');
  const respondentTo = list('RESPONDENT');
  return [
    protectedBy ? `protected by ${protectedBy}` : null,
    respondentTo ? `respondent to ${respondentTo}` : null,
  ].filter((p): p is string => p !== null);
}

function arrests(facts: PoliceSummaryFacts, now: Date): string | null {
  const all = facts.arrests;
  if (all.length === 0) return null;
  const recent = all.filter((a) => inLastYear(a.at, now));
  if (recent.length === 0) return `arrested ${times(all.length)}, none in 12 months`;
  const last = latest(recent, (a) => a.at);
  return (
    `arrested ${times(recent.length)} in 12 months, last ${ago(last.at, now)} ` +
    `for ${words(last.offenceCategory)} (${words(last.outcome)})`
  );
}

function occurrences(facts: PoliceSummaryFacts, now: Date, other: boolean): string | null {
  const all = facts.otherOccurrences;
  if (all.length === 0) return null;
  const noun = other ? 'other occurrence' : 'occurrence';
  const recent = all.filter((o) => inLastYear(o.at, now));
  if (recent.length === 0) return `${plural(all.length, noun)}, none in 12 months`;
  return `${plural(recent.length, noun)} in 12 months, last ${ago(latest(recent, (o) => o.at).at, now)}`;
}

function intelligence(facts: PoliceSummaryFacts, now: Date): string | null {
  const { shown, withheld } = facts.intelligence;
  const held = withheld
    ? `${shown.length > 0 ? 'more ' : ''}intelligence held under handling conditions (ask the police MASH practitioner)`
    : null;
  const items =
    shown.length > 0
      ? `${plural(shown.length, 'intelligence item')}, last ${ago(latest(shown, (i) => i.at).at, now)}`
      : null;
  return [items, held].filter(Boolean).join(', ') || null;
}

/**
 * One line for the MASH screen, e.g. "3 DA incidents in 12 months, last 9 days ago, high risk;
 * missing twice in 12 months, return interview not done; 2 intelligence items, last 40 days ago".
 * The DA risk named is the highest DASH risk of the last 12 months. Intelligence the reader may
 * not see is only said to be held: no count, no date.
 */
export function describePoliceRecord(facts: PoliceSummaryFacts, now: Date): string {
  const da = domesticAbuse(facts, now);
  const missing = missingHistory(facts, now);
  const parts = [
    missingNow(facts, now),
    da,
    marac(facts, now),
    ...courtOrders(facts),
    missing,
    arrests(facts, now),
    occurrences(facts, now, da !== null || missing !== null),
    intelligence(facts, now),
  ].filter((p): p is string => p !== null);
  if (parts.length === 0) return 'Known to police; no incidents, orders or intelligence recorded';
  const line = parts.join('; ');
  return line.charAt(0).toUpperCase() + line.slice(1);
}
