import type { ApiError } from '../../api';

/**
 * The break-glass form, for a user with no legitimate relationship with the child. A reason of the
 * wrong length or with characters a header cannot carry goes to `onInvalid` as an error, a good
 * one (typographic quotes and dashes made plain) to `onReason`. The text is the page's (`value`),
 * so it outlives the form.
 */
export function BreakGlassForm({
  value,
  onChange,
  errors,
  onInvalid,
  onReason,
}: {
  value: string;
  onChange: (value: string) => void;
  errors: ApiError[];
  onInvalid: (errors: ApiError[]) => void;
  onReason: (reason: string) => void;
}) {
  function submit(event: React.FormEvent) {
    event.preventDefault();
    // Typographic quotes and dashes become plain ones: a header carries Latin-1 only.
    const text = value
      .trim()
      .replace(/[\u2018\u2019]/g, "'")
      .replace(/[\u201C\u201D]/g, '"')
      .replace(/[\u2013\u2014]/g, '-');
    const problem =
      text.length < 20 || text.length > 500
        ? 'Give your reason in 20 to 500 characters.'
        : /[^\x20-\x7E\xA0-\xFF]/.test(text)
          ? 'Use letters, digits and ordinary punctuation only.'
          : null;
    if (problem) {
      onInvalid([
        { message: problem, code: 'BAD_BREAK_GLASS_REASON', field: 'breakGlass', extensions: {} },
      ]);
      return;
    }
    onReason(text);
  }
  return (
    <form className="break-glass" onSubmit={submit} noValidate>
      <h2>Need to see more?</h2>
      <p>
        Some sections are withheld because you have no legitimate relationship with this child. If
        you must see them now, give your reason: it is recorded by each agency and your manager is
        told.
      </p>
      <label htmlFor="break-glass">Reason (20 to 500 characters)</label>
      {errors.length ? (
        <p className="field-error" id="break-glass-error" role="alert">
          {errors.map((e) => e.message).join(' ')}
        </p>
      ) : null}
      <textarea
        id="break-glass"
        rows={2}
        value={value}
        aria-invalid={errors.length > 0 || undefined}
        aria-describedby={errors.length ? 'break-glass-error' : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      <button type="submit" className="button button-warning">
        See the records for this reason
      </button>
    </form>
  );
}
