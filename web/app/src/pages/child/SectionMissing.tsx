import { agencyName, describeError, type ApiError } from '../../api';
import { UNAVAILABLE } from './child';

/** Why a section is missing, from the errors at its path: withheld by a rule, or unavailable. */
export function SectionMissing({ agency, errors }: { agency: string; errors: ApiError[] }) {
  const unavailable = errors.find((e) => UNAVAILABLE.has(e.code));
  if (unavailable) {
    return (
      <p className="status status-unavailable">
        <strong>Unavailable.</strong> {agencyName(agency)} cannot be reached just now, so its
        section is missing. Try again shortly.
      </p>
    );
  }
  const refusal = errors[0];
  return (
    <p className="status status-withheld">
      <strong>Withheld.</strong>{' '}
      {refusal ? describeError(refusal) : `${agencyName(agency)} disclosed nothing.`}
      {refusal ? <span className="muted"> ({refusal.code})</span> : null}
    </p>
  );
}
