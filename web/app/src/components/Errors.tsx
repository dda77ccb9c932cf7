import { describeError, type ApiError } from '../api';

/**
 * The errors of a form or a page at the top, each linking to its field when it has one (the
 * public sector's error summary pattern); focused when it appears so a screen reader announces it.
 */
export function ErrorSummary({
  errors,
  fieldIds = {},
}: {
  errors: ApiError[];
  fieldIds?: Record<string, string>;
}) {
  if (errors.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={(el) => el?.focus()}>
      <h2>There is a problem</h2>
      <ul>
        {errors.map((e, i) => {
          const id = e.field ? fieldIds[e.field] : undefined;
          return (
            <li key={i}>
              {id ? (
                <a
                  href={`#${id}`}
                  onClick={(ev) => {
                    ev.preventDefault();
                    document.getElementById(id)?.focus();
                  }}
                >
                  {describeError(e)}
                </a>
              ) : (
                describeError(e)
              )}
              {e.field && !id ? <span className="error-field"> ({e.field})</span> : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** The message for one field, shown next to it. */
export function FieldError({
  id,
  errors,
  field,
}: {
  id: string;
  errors: ApiError[];
  field: string;
}) {
  const mine = errors.filter((e) => e.field === field);
  if (mine.length === 0) return null;
  return (
    <p className="field-error" id={`${id}-error`}>
      <span className="visually-hidden">Error: </span>
      {mine.map((e) => e.message).join(' ')}
    </p>
  );
}

/** Props that tie an input to its error message for assistive technology. */
export function describedBy(id: string, errors: ApiError[], field: string, hint?: boolean) {
  const invalid = errors.some((e) => e.field === field);
  const ids = [hint ? `${id}-hint` : '', invalid ? `${id}-error` : ''].filter(Boolean).join(' ');
  return { 'aria-invalid': invalid || undefined, 'aria-describedby': ids || undefined };
}
