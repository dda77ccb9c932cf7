const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * One line for the MASH screen about dated events, e.g. "3 occurrences in the last 12 months, most
 * recent 9 days ago (DOMESTIC_ABUSE); 5 in all". `noun` is singular; an 's' makes the plural.
 * Events after `now` are not counted as recent.
 */
export function describeRecency(
  events: { at: Date; kind: string }[],
  noun: string,
  now: Date,
): string {
  const plural = (n: number) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  if (events.length === 0) return `No ${noun}s recorded`;
  const yearAgo = now.getTime() - 365 * DAY_MS;
  const recent = events.filter((e) => e.at.getTime() >= yearAgo && e.at <= now).length;
  const latest = events.reduce((a, b) => (b.at > a.at ? b : a));
  const days = Math.max(0, Math.floor((now.getTime() - latest.at.getTime()) / DAY_MS));
  const ago = days === 0 ? 'today' : days === 1 ? '1 day ago' : `${days} days ago`;
  const last = `most recent ${ago} (${latest.kind})`;
  return recent === 0
    ? `None in the last 12 months; ${plural(events.length)} in all, ${last}`
    : `${plural(recent)} in the last 12 months, ${last}; ${events.length} in all`;
}
