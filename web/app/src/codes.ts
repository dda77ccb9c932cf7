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

export {
  CHECK_OUTCOMES,
  CLOSURE_REASONS,
  CONSENT,
  EARLY_HELP_RESPONSES,
  OUTCOMES,
  PARTNERS,
  RAGS,
  STAGES,
  stageName,
} from './code-lists';
