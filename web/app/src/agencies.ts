// The agencies of the federation, from the one registry (shared/agencies.json, checked by the
// server's shared/agencies.ts): the workbench lists, names and colours agencies from it alone.
import registry from '../../../shared/agencies.json';

export interface AgencyEntry {
  name: string;
  code: string;
  label: string;
  role: string;
  colour: string;
}

export const AGENCIES: readonly AgencyEntry[] = registry;

/** The partner agencies, which match children against their own records, in order. */
export const PARTNER_AGENCIES: readonly AgencyEntry[] = AGENCIES.filter(
  (a) => a.role === 'partner',
);

/** The entry of an agency by subgraph name or code. */
export function agencyEntry(nameOrCode: string | null | undefined): AgencyEntry | undefined {
  return AGENCIES.find((a) => a.name === nameOrCode || a.code === nameOrCode);
}
