import { CLOSURE_REASONS, EARLY_HELP_RESPONSES } from '../../codes';
import { formatDate } from '../../time';

/** The fields of an early help episode every screen asks for, as a GraphQL selection. */
export const EPISODE = `
  id version steppedDownAt offeredAt stepDownContactId stepUpContactId
  child { id givenName familyName dateOfBirth }
  provider { id name }
  response respondedOn
  assessment { startedOn completedOn organisation }
  leadPractitioner open closedOn closureReason`;

/** An early help episode as the screens read it. */
export interface Episode {
  id: string;
  version: number;
  steppedDownAt: string;
  offeredAt: string;
  stepDownContactId: string;
  stepUpContactId: string | null;
  child: {
    id: string;
    givenName: string | null;
    familyName: string | null;
    dateOfBirth: string | null;
  } | null;
  provider: { id: string; name: string };
  response: string | null;
  respondedOn: string | null;
  assessment: { startedOn: string; completedOn: string | null; organisation: string | null } | null;
  leadPractitioner: string | null;
  open: boolean;
  closedOn: string | null;
  closureReason: string | null;
}

/** The child's name, or the child's id when no name is known. */
export const childName = (c: NonNullable<Episode['child']>) =>
  [c.givenName, c.familyName].filter(Boolean).join(' ') || c.id;

/** The family's answer in words: "Accepted on 23 Nov 2026", or "Awaited". */
export function responseText(e: Pick<Episode, 'response' | 'respondedOn'>): string {
  if (!e.response) return 'Awaited';
  return `${EARLY_HELP_RESPONSES[e.response] ?? e.response} on ${formatDate(e.respondedOn)}`;
}

/** The assessment in words: started, completed and by whom, or "Not started". */
export function assessmentText(e: Pick<Episode, 'assessment'>): string {
  const a = e.assessment;
  if (!a) return 'Not started';
  return a.completedOn
    ? `Started ${formatDate(a.startedOn)}, completed ${formatDate(a.completedOn)}${a.organisation ? ` by ${a.organisation}` : ''}`
    : `Started ${formatDate(a.startedOn)}`;
}

/** Open, or closed with the date and the reason in words. */
export function statusText(e: Pick<Episode, 'open' | 'closedOn' | 'closureReason'>): string {
  if (e.open) return 'Open';
  const reason = CLOSURE_REASONS[e.closureReason ?? ''] ?? e.closureReason;
  return `Closed ${formatDate(e.closedOn)}${reason ? `: ${reason.toLowerCase()}` : ''}`;
}
