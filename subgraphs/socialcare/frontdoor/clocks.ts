import {
  clockAt,
  decisionDue24Hours,
  partnerCheckDue,
  ragResponseDue,
  referralDue,
  type Clock,
  type RagRating,
  type RagTargets,
} from '../../../shared/clocks';
import type { Contact, PartnerCheck, Referral } from '../entities';

/** A contact's clocks as the API shows them (shared/clocks.ts computes every due instant). */
export interface ContactClocks {
  ragResponse: Clock | null;
  decisionWithin24Hours: Clock;
  decisionWithinOneWorkingDay: Clock;
}

/** Checks asked and neither answered nor withdrawn. */
export function outstanding(checks: readonly PartnerCheck[]): PartnerCheck[] {
  return checks.filter((c) => c.answeredAt === null && c.withdrawnAt === null);
}

/**
 * When the RAG response ended: the last answer once every check asked has been answered, else
 * the decision that closed the contact; null while it runs.
 */
function ragStoppedAt(contact: Contact, checks: readonly PartnerCheck[]): Date | null {
  const answered = checks.filter((c) => c.answeredAt !== null);
  if (checks.length > 0 && outstanding(checks).length === 0 && answered.length > 0) {
    const last = new Date(Math.max(...answered.map((c) => (c.answeredAt as Date).getTime())));
    if (contact.closedAt === null || last <= contact.closedAt) return last;
  }
  return contact.closedAt;
}

/** The contact's three clocks at `now`. */
export function contactClocks(
  contact: Contact,
  checks: readonly PartnerCheck[],
  targets: RagTargets,
  now: Date,
): ContactClocks {
  const rag = contact.rag as RagRating | null;
  const ragDue =
    rag && contact.ratedSince ? ragResponseDue(contact.ratedSince, rag, targets) : null;
  return {
    ragResponse:
      ragDue && contact.ratedSince
        ? clockAt(contact.ratedSince, ragDue, ragStoppedAt(contact, checks), now)
        : null,
    decisionWithin24Hours: clockAt(
      contact.receivedAt,
      decisionDue24Hours(contact.receivedAt),
      contact.closedAt,
      now,
    ),
    decisionWithinOneWorkingDay: clockAt(
      contact.receivedAt,
      contact.decisionDueWorkingDayAt,
      contact.closedAt,
      now,
    ),
  };
}

/** A partner check's clock: null for a withdrawn check and for a rating with no target. */
export function checkClock(
  check: PartnerCheck,
  contact: Contact,
  targets: RagTargets,
  now: Date,
): Clock | null {
  const rag = contact.rag as RagRating | null;
  if (check.withdrawnAt !== null || !rag || !contact.ratedSince) return null;
  const due = partnerCheckDue(check.requestedAt, contact.ratedSince, rag, targets);
  return due ? clockAt(check.requestedAt, due, check.answeredAt, now) : null;
}

/** A referral's 72-hour clock. */
export function referralClock(referral: Referral, now: Date): Clock {
  return clockAt(referral.createdAt, referralDue(referral.createdAt), referral.completedAt, now);
}

/**
 * The earliest due instant among a contact's running clocks, outstanding checks included: what
 * the queue orders by (queue.ts computes the same in SQL). Null once closed.
 */
export function nextDueAt(
  contact: Contact,
  checks: readonly PartnerCheck[],
  targets: RagTargets,
  now: Date,
): Date | null {
  if (contact.closedAt !== null) return null;
  const clocks = contactClocks(contact, checks, targets, now);
  const running = [
    clocks.ragResponse,
    clocks.decisionWithin24Hours,
    clocks.decisionWithinOneWorkingDay,
    ...checks.map((c) => checkClock(c, contact, targets, now)),
  ].filter((c): c is Clock => c !== null && c.stoppedAt === null);
  return new Date(Math.min(...running.map((c) => c.dueAt.getTime())));
}
