// The codes the screens offer, as the schema defines them (subgraphs/socialcare/schema/: the
// partner agencies in matching.graphql, the others in frontdoor.graphql).
import { useEffect, useState } from 'react';
import { gql } from './api';

let sources: Promise<[string, string][]> | undefined;

/**
 * The DfE contact source codes with their labels, in the census's order, as socialcare serves them
 * (`contactSources`); fetched once per page load.
 */
export function contactSources(): Promise<[string, string][]> {
  sources ??= gql<{ contactSources: { code: string; label: string }[] }>(
    '{ contactSources { code label } }',
  ).then(({ data }) => {
    if (!data) sources = undefined;
    return (data?.contactSources ?? []).map((s) => [s.code, s.label] as [string, string]);
  });
  return sources;
}

/** The contact source codes and labels, once loaded (empty until then). */
export function useContactSources(): [string, string][] {
  const [list, setList] = useState<[string, string][]>([]);
  useEffect(() => {
    let live = true;
    void contactSources().then((l) => live && setList(l));
    return () => {
      live = false;
    };
  }, []);
  return list;
}

export const RAGS = ['RED', 'AMBER', 'GREEN', 'BLUE'] as const;

export const STAGES = [
  'RECEIVED',
  'SCREENED',
  'CHECKS_REQUESTED',
  'CHECKS_ANSWERED',
  'DECIDED',
] as const;

const STAGE_NAMES: Record<string, string> = {
  RECEIVED: 'Received',
  SCREENED: 'Screened',
  CHECKS_REQUESTED: 'Checks requested',
  CHECKS_ANSWERED: 'Checks answered',
  DECIDED: 'Decided',
};
export const stageName = (stage: string) => STAGE_NAMES[stage] ?? stage;

export const OUTCOMES: Record<string, string> = {
  NO_FURTHER_ACTION: 'No further action',
  ADVICE_AND_SIGNPOST: 'Advice and signposting',
  STEP_DOWN_TO_EARLY_HELP: 'Step down to early help',
  ASSESSMENT_REQUIRED: 'Referral: assessment required (s17)',
  STRATEGY_DISCUSSION: 'Strategy discussion / s47 enquiry',
  OTHER: 'Other',
};

export const CONSENT: Record<string, string> = {
  GIVEN: 'Consent given',
  NOT_SOUGHT: 'Consent not sought',
  REFUSED: 'Consent refused',
};

export const CHECK_OUTCOMES: Record<string, string> = {
  INFORMATION_SHARED: 'Information shared (in our section of the child)',
  NO_RECORD: 'No record of the child or household',
  NOTHING_OF_CONCERN: 'Records held, nothing of concern',
};

export const PARTNERS = ['POLICE', 'HEALTH', 'EDUCATION'] as const;
