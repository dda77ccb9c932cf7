import { useState, type ReactNode } from 'react';
import type { ApiError } from '../../api';
import { describedBy, ErrorSummary, FieldError } from '../../components/Errors';

/**
 * One change to the episode, by its mutation's name and input (the episode's id and version are
 * added): its errors, none when it was made. The episode page supplies it; it reloads the episode
 * on a version conflict and announces what a change did.
 */
export type Act = (mutation: string, input: Record<string, unknown>) => Promise<ApiError[]>;

/** One action form's state: its errors and whether it is being sent; `send` makes its change. */
export interface EpisodeAction {
  errors: ApiError[];
  busy: boolean;
  send: (input: Record<string, unknown>) => Promise<void>;
}

/** The state of the form that makes one change (`mutation`) to the episode through `act`. */
export function useEpisodeAction(act: Act, mutation: string): EpisodeAction {
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [busy, setBusy] = useState(false);
  async function send(input: Record<string, unknown>): Promise<void> {
    setBusy(true);
    const errs = await act(mutation, input);
    setBusy(false);
    setErrors(errs);
  }
  return { errors, busy, send };
}

/**
 * The frame of one action form: labelled by its heading (`h-<name>`), an optional introduction,
 * the error summary linking each field's error to its input (`fieldIds`), the fields, and the
 * submit button, disabled while the change is sent. Submitting sends what `input` returns then.
 */
export function ActionForm({
  name,
  heading,
  intro,
  action,
  fieldIds,
  input,
  submit,
  warning = false,
  children,
}: {
  name: string;
  heading: ReactNode;
  intro?: ReactNode;
  action: EpisodeAction;
  fieldIds: Record<string, string>;
  input: () => Record<string, unknown>;
  /** The submit button's words. */
  submit: string;
  /** The submit button warns: the change is a serious one. */
  warning?: boolean;
  children: ReactNode;
}) {
  return (
    <form
      noValidate
      className="action"
      aria-labelledby={`h-${name}`}
      onSubmit={(e) => {
        e.preventDefault();
        void action.send(input());
      }}
    >
      <h3 id={`h-${name}`}>{heading}</h3>
      {intro}
      <ErrorSummary errors={action.errors} fieldIds={fieldIds} />
      {children}
      <button
        type="submit"
        className={warning ? 'button button-warning' : 'button'}
        disabled={action.busy}
      >
        {submit}
      </button>
    </form>
  );
}

/**
 * A text or date input, or with `rows` a textarea, with its label, hint and error, tied together
 * for assistive technology; `field` is the input's name in the errors.
 */
export function Field({
  id,
  label,
  field,
  value,
  onChange,
  errors,
  hint,
  type = 'text',
  rows,
}: {
  id: string;
  label: string;
  field: string;
  value: string;
  onChange: (value: string) => void;
  errors: ApiError[];
  hint?: string;
  type?: 'text' | 'date';
  rows?: number;
}) {
  const described = describedBy(id, errors, field, Boolean(hint));
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <FieldError id={id} errors={errors} field={field} />
      {rows ? (
        <textarea
          id={id}
          rows={rows}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          {...described}
        />
      ) : (
        <input
          type={type}
          id={id}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          {...described}
        />
      )}
    </div>
  );
}
