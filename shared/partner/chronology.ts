import type { Agency } from '../auth';

/** How much an event bears on the child's safety, in the recording agency's judgement. */
export type EventSeverity = 'LOW' | 'MEDIUM' | 'HIGH';

/**
 * One event in a child's multi-agency chronology: the shape every agency supplies
 * (`policeEvents`, `healthEvents`, `educationEvents`) and socialcare merges (`chronology`).
 * `A` narrows the agency for an agency's own events.
 */
export interface ChronologyEvent<A extends Agency = Agency> {
  at: Date;
  agency: A;
  /** SCREAMING_SNAKE, in the agency's own words, e.g. DA_NOTIFICATION. */
  kind: string;
  /** One line, safe for the reader. */
  summary: string;
  severity: EventSeverity;
}
