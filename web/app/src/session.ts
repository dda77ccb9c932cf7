// Who is signed in: the token the gateway expects and the user it names, kept for this browser tab
// only (sessionStorage), never in a cookie.

/** An agency's code, as the registry (shared/agencies.json) gives it. */
export type Agency = string;
export type Role =
  | 'MASH_PRACTITIONER'
  | 'MASH_MANAGER'
  | 'AGENCY_PRACTITIONER'
  | 'ANALYST'
  | 'ADMIN'
  | 'EARLY_HELP_PRACTITIONER';

export interface User {
  id: string;
  name: string;
  agency: Agency;
  role: Role;
  team: string | null;
}

export interface Session {
  token: string;
  user: User;
}

/** Why the last session ended, shown on the sign-in page. */
export type EndReason = 'signed-out' | 'expired' | 'refused';

const KEY = 'mash-workbench-session';
const listeners = new Set<() => void>();
let cached: Session | null | undefined;
let lastEnd: EndReason | null = null;

function read(): Session | null {
  if (cached === undefined) {
    try {
      cached = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Session | null;
    } catch {
      cached = null;
    }
  }
  return cached;
}

function notify(): void {
  for (const listener of listeners) listener();
}

export const session = {
  current: read,
  lastEnd: () => lastEnd,
  start(next: Session): void {
    sessionStorage.setItem(KEY, JSON.stringify(next));
    cached = next;
    lastEnd = null;
    notify();
  },
  end(reason: EndReason): void {
    sessionStorage.removeItem(KEY);
    cached = null;
    lastEnd = reason;
    notify();
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

/** MASH roles, of any agency: they work the queue. */
export const isMash = (user: User) =>
  user.role === 'MASH_PRACTITIONER' || user.role === 'MASH_MANAGER';
/** Socialcare's MASH roles record, screen and decide contacts. */
export const isSocialcareMash = (user: User) => user.agency === 'SOCIALCARE' && isMash(user);
/**
 * Who may look a child up in the local authority's records: MASH roles of every agency and
 * socialcare's own practitioners (partners' practitioners and analysts are refused).
 */
export const looksUpChildren = (user: User) =>
  isMash(user) || (user.agency === 'SOCIALCARE' && user.role === 'AGENCY_PRACTITIONER');
/** Who may read aggregates: analysts, MASH managers and admins. */
export const readsAggregates = (user: User) =>
  user.role === 'ANALYST' || user.role === 'MASH_MANAGER' || user.role === 'ADMIN';
/**
 * Who reads early help episodes: early help practitioners (their own provider's) and socialcare's
 * MASH roles (every provider's).
 */
export const readsEarlyHelp = (user: User) =>
  (user.agency === 'SOCIALCARE' && user.role === 'EARLY_HELP_PRACTITIONER') ||
  isSocialcareMash(user);
/** Who works them: early help practitioners (their provider's) and socialcare's MASH managers. */
export const worksEarlyHelp = (user: User) =>
  user.agency === 'SOCIALCARE' &&
  (user.role === 'EARLY_HELP_PRACTITIONER' || user.role === 'MASH_MANAGER');
