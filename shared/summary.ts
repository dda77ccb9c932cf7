const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * One line for the MASH screen about dated events, e.g. "3 occurrences in the last 12 months, most
 * recent 9 days ago (DOMESTIC_ABUSE); 5 in all". `noun` is singular; an 's' is added for plurals.
 */
export function describeRecency(
  events: { at: Date; kind: string }[],
  noun: string,
  now: Date,
): string {
  if (events.length === 0) return `No ${noun}s recorded`;
  const yearAgo = now.getTime() - 365 * DAY_MS;
  const recent = events.filter((e) => e.at.getTime() >= yearAgo && e.at.getTime() <= now.getTime());
  const latest = events.reduce((a, b) => (b.at > a.at ? b : a));
  const days = Math.max(0, Math.floor((now.getTime() - latest.at.getTime()) / DAY_MS));
  const plural = (n: number) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  const ago = days === 0 ? 'today' : days === 1 ? '1 day ago' : `${days} days ago`;
  return `${plural(recent.length)} in the last 12 months, most recent ${ago} (${latest.kind}); ${events.length} in all`;
}
