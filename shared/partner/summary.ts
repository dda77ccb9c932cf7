/**
 * The words every partner's one-line summary is made of, so that "45 days ago" or "2 A&E
 * attendances" read the same in every agency's section.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const YEAR_MS = 365 * DAY_MS;

/** "1 referral", "2 referrals": `noun` is singular; an 's' makes the plural. */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** 'VIOLENCE' -> 'violence', 'RELEASED_UNDER_INVESTIGATION' -> 'released under investigation'. */
export function words(code: string): string {
  return code.toLowerCase().replace(/_/g, ' ');
}

/**
 * How long before `now` an instant was: "today", "1 day ago", "45 days ago" under 60 days, then
 * to the nearest month under two years ("2 months ago" to "24 months ago"), then to the nearest
 * year ("2 years ago"). Instants after `now` read as "today".
 */
export function ago(at: Date, now: Date): string {
  const days = Math.max(0, Math.floor((now.getTime() - at.getTime()) / DAY_MS));
  if (days === 0) return 'today';
  if (days < 60) return days === 1 ? '1 day ago' : `${days} days ago`;
  if (days < 730) return `${Math.round(days / 30.4375)} months ago`;
  return `${Math.round(days / 365.25)} years ago`;
}

/** Within the 365 days up to `now` (not after it): the "in 12 months" of every summary. */
export function inLastYear(at: Date, now: Date): boolean {
  return at.getTime() >= now.getTime() - YEAR_MS && at <= now;
}

/** The item with the latest instant; `items` is not empty. */
export function latest<T>(items: readonly T[], at: (item: T) => Date): T {
  return items.reduce((a, b) => (at(b) > at(a) ? b : a));
}
