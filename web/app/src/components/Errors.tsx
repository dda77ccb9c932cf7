import { useEffect, useRef } from 'react';
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
  const box = useRef<HTMLDivElement>(null);
  // Focus once per new set of errors, never on a re-render (a ticking clock re-renders each second
  // and must not pull the focus away from a field being typed in).
  const shown = errors.map((e) => `${e.code} ${e.field ?? ''} ${e.message}`).join('\n');
  useEffect(() => {
    if (shown) box.current?.focus();
  }, [shown]);
  if (errors.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={box}>
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
