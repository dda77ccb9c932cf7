import { clockAt, decisionDue24Hours, referralDue, type Clock } from '../clocks';
import type { Contact, PartnerCheck, Referral } from '../entities';

/**
 * A contact's clocks as the API shows them. The due instants were computed by ../clocks.ts
 * when each clock was set (transitions.ts) and are stored, frozen once the clock stops; here they
 * are only read and given their status at `now`.
 */
export interface ContactClocks {
  ragResponse: Clock | null;
  decisionWithin24Hours: Clock;
  decisionWithinOneWorkingDay: Clock;
}

/** Checks asked and neither answered nor withdrawn. */
export function outstanding(checks: readonly PartnerCheck[]): PartnerCheck[] {
  return checks.filter((c) => c.answeredAt === null && c.withdrawnAt === null);
}

/** The contact's three clocks at `now`. */
export function contactClocks(contact: Contact, now: Date): ContactClocks {
  return {
    ragResponse:
      contact.ragStartedAt && contact.ragDueAt
        ? clockAt(contact.ragStartedAt, contact.ragDueAt, contact.ragStoppedAt, now)
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
export function checkClock(check: PartnerCheck, now: Date): Clock | null {
  if (check.withdrawnAt !== null || check.dueAt === null) return null;
  return clockAt(check.requestedAt, check.dueAt, check.answeredAt, now);
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
  now: Date,
): Date | null {
  if (contact.closedAt !== null) return null;
  const clocks = contactClocks(contact, now);
  const running = [
    clocks.ragResponse,
    clocks.decisionWithin24Hours,
    clocks.decisionWithinOneWorkingDay,
    ...checks.map((c) => checkClock(c, now)),
  ].filter((c): c is Clock => c !== null && c.stoppedAt === null);
  return new Date(Math.min(...running.map((c) => c.dueAt.getTime())));
}
