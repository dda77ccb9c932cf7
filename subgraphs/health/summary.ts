import { SENSITIVE_HEALTH_SUMMARY } from './access';
import { localDate } from '../../shared/time';
import { localMidnight } from '../../shared/time';
import { FLAG_LABEL, isFlagActive, words } from './chronology';
import type {
  CamhsReferral,
  CommunityContact,
  MaternityEpisode,
  ParentalConcern,
  SafeguardingFlag,
  UnscheduledCareAttendance,
} from './entities';
import { ago, inLastYear, latest, plural } from '../../shared/partner/summary';

/** What health's one-line summary of a child or an adult is built from. */
export interface SummaryRecords {
  /** The current GP practice, or null when not registered. */
  gpPracticeName: string | null;
  attendances: Pick<
    UnscheduledCareAttendance,
    'arrivedAt' | 'setting' | 'presentingReason' | 'sensitiveCategory'
  >[];
  communityContacts: Pick<CommunityContact, 'at' | 'service' | 'wasNotBrought'>[];
  camhsReferrals: Pick<CamhsReferral, 'referredOn' | 'status'>[];
  safeguardingFlags: Pick<SafeguardingFlag, 'code' | 'startsOn' | 'endsOn'>[];
  /** An adult's own: the parent's health as it bears on the children. */
  parentalConcerns: Pick<ParentalConcern, 'kind' | 'recordedOn'>[];
  /** An adult's own: pregnancies where the adult is the mother. */
  maternity: Pick<
    MaternityEpisode,
    'bookedOn' | 'expectedDeliveryDate' | 'deliveredOn' | 'concerns'
  >[];
}

/** The summary, and whether it left out something sensitive (which the caller records). */
export interface HealthSummary {
  text: string;
  withheld: boolean;
}

function registration(records: SummaryRecords): string {
  return records.gpPracticeName
    ? `Registered with ${records.gpPracticeName}`
    : 'Not registered with a GP';
}

function flags(records: SummaryRecords, today: string): string | null {
  const active = new Set(
    records.safeguardingFlags.filter((f) => isFlagActive(f, today)).map((f) => f.code),
  );
  // In the order of weight, whatever order the flags were recorded in.
  const labels = Object.keys(FLAG_LABEL)
    .filter((code) => active.has(code))
    .map((code) => FLAG_LABEL[code]);
  if (labels.length === 0) return null;
  return `Active safeguarding flag${labels.length === 1 ? '' : 's'}: ${labels.join(', ')}`;
}

function attendances(shown: SummaryRecords['attendances'], now: Date): string | null {
  const recent = shown.filter((a) => inLastYear(a.arrivedAt, now));
  if (recent.length === 0) return null;
  const ed = recent.filter((a) => a.setting === 'EMERGENCY_DEPARTMENT').length;
  const last = latest(recent, (a) => a.arrivedAt);
  const tail = `last ${ago(last.arrivedAt, now)} (${last.presentingReason})`;
  if (ed === recent.length) return `${plural(ed, 'A&E attendance')} in 12 months, ${tail}`;
  const edPart = ed > 0 ? ` (${ed} A&E)` : '';
  return `${plural(recent.length, 'unscheduled care attendance')} in 12 months${edPart}, ${tail}`;
}

function community(records: SummaryRecords, now: Date): string[] {
  const parts: string[] = [];
  for (const service of ['HEALTH_VISITING', 'SCHOOL_NURSING']) {
    const recent = records.communityContacts.filter(
      (c) => c.service === service && inLastYear(c.at, now),
    );
    if (recent.length === 0) continue;
    const notBrought = recent.filter((c) => c.wasNotBrought).length;
    parts.push(
      `${plural(recent.length, `${words(service)} contact`)} in 12 months` +
        (notBrought > 0 ? `, ${notBrought} not brought` : ''),
    );
  }
  return parts;
}

function camhs(records: SummaryRecords, now: Date): string | null {
  const referrals = records.camhsReferrals;
  if (referrals.length === 0) return null;
  const last = latest(referrals, (r) => localMidnight(r.referredOn));
  const when = `${ago(localMidnight(last.referredOn), now)} (${words(last.status)})`;
  return referrals.length === 1
    ? `Referred to CAMHS ${when}`
    : `${referrals.length} CAMHS referrals, latest ${when}`;
}

function parentalConcerns(records: SummaryRecords): string | null {
  if (records.parentalConcerns.length === 0) return null;
  const kinds = [
    ...new Set(
      [...records.parentalConcerns]
        .sort((a, b) => b.recordedOn.localeCompare(a.recordedOn))
        .map((c) => words(c.kind)),
    ),
  ];
  return `Parental health concerns recorded: ${kinds.join(', ')}`;
}

/** The pregnancy worth a line: one still open, else a delivery in the last 12 months. */
function maternity(
  records: SummaryRecords,
  now: Date,
  mayReadSensitive: boolean,
): { text: string | null; withheld: boolean } {
  const open = records.maternity.filter((e) => e.deliveredOn === null);
  const delivered = records.maternity.filter(
    (e) => e.deliveredOn !== null && inLastYear(localMidnight(e.deliveredOn), now),
  );
  const episode =
    open.length > 0
      ? latest(open, (e) => localMidnight(e.bookedOn))
      : delivered.length > 0
        ? latest(delivered, (e) => localMidnight(e.deliveredOn as string))
        : null;
  if (!episode) return { text: null, withheld: false };
  const line =
    episode.deliveredOn === null
      ? `Pregnant, expected delivery ${episode.expectedDeliveryDate}`
      : `Gave birth ${ago(localMidnight(episode.deliveredOn), now)}`;
  if (!episode.concerns) return { text: line, withheld: false };
  return mayReadSensitive
    ? { text: `${line}; concerns at booking: ${episode.concerns}`, withheld: false }
    : { text: line, withheld: true };
}

/**
 * One line for the MASH screen: GP registration, active safeguarding flags, unscheduled care and
 * health visiting or school nursing (with appointments the child was not brought to) in the last
 * 12 months, CAMHS, and for an adult parental health concerns and a current or recent pregnancy.
 * For a reader outside health (`mayReadSensitive` false) sensitive attendances, CAMHS referrals,
 * parental concerns and booking concerns are neither described nor counted; the line says instead
 * that health holds sensitive information and whom to ask, and `withheld` is true.
 */
export function summariseHealth(
  records: SummaryRecords,
  options: { now: Date; mayReadSensitive: boolean },
): HealthSummary {
  const { now, mayReadSensitive } = options;
  const today = localDate(now);
  const shown = mayReadSensitive
    ? records.attendances
    : records.attendances.filter((a) => !a.sensitiveCategory);
  const pregnancy = maternity(records, now, mayReadSensitive);
  const withheld =
    !mayReadSensitive &&
    (shown.length < records.attendances.length ||
      records.camhsReferrals.length > 0 ||
      records.parentalConcerns.length > 0 ||
      pregnancy.withheld);
  const details = [
    flags(records, today),
    attendances(shown, now),
    ...community(records, now),
    mayReadSensitive ? camhs(records, now) : null,
    mayReadSensitive ? parentalConcerns(records) : null,
    pregnancy.text,
  ].filter((p): p is string => p !== null);
  const parts = [registration(records), ...details];
  if (withheld) parts.push(SENSITIVE_HEALTH_SUMMARY);
  else if (details.length === 0) parts.push('Nothing else recorded in the last 12 months');
  return { text: `${parts.join('. ')}.`, withheld };
}
