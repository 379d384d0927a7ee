/**
 * A labelled form field with an optional hint and an inline error. The error text comes from the
 * validator as-is, so what the artist reads is exactly what main would answer.
 */
import { type ReactNode, useId } from 'react';

export interface FieldProps {
  label: ReactNode;
  /** Validation message; marks the field invalid when set. */
  error?: string | null;
  hint?: ReactNode;
  /** Right-aligned extra in the label row (counts, toggles). */
  aside?: ReactNode;
  /** Renders the control, given the id the label points at and the id of the error/hint text. */
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
  className?: string;
  testId?: string;
  /** Called when focus leaves the field (a form marks it touched, so its error may show). */
  onLeave?: () => void;
}

export function Field({ label, error, hint, aside, children, className, testId, onLeave }: FieldProps) {
  const id = useId();
  const noteId = `${id}-note`;
  const invalid = Boolean(error);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: focusout from the field's own control bubbles here; the wrapper takes no interaction itself.
    <div
      className={`field${invalid ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}
      data-testid={testId}
      onBlur={onLeave}
    >
      <div className="field-label-row">
        <label htmlFor={id} className="field-label">
          {label}
        </label>
        {aside && <span className="field-aside">{aside}</span>}
      </div>
      {children({ id, describedBy: error || hint ? noteId : undefined, invalid })}
      {error ? (
        <p id={noteId} className="field-error" role="alert">
          {error}
        </p>
      ) : (
        hint && (
          <p id={noteId} className="field-hint">
            {hint}
          </p>
        )
      )}
    </div>
  );
}
