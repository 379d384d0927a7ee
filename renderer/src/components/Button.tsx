/** The one button: primary / secondary / ghost / danger variants, optional busy spinner and shortcut hint. */
import type { ButtonHTMLAttributes, ReactNode } from 'react';
import { Spinner } from './Spinner';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  /** Visual weight. Default 'secondary'. */
  variant?: 'primary' | 'secondary' | 'ghost' | 'danger';
  /** Shows a spinner and disables the button. Default false. */
  busy?: boolean;
  /** Small keyboard hint shown after the label, e.g. 'Ctrl+Enter'. */
  kbd?: string;
  size?: 'sm' | 'md';
  children?: ReactNode;
}

export function Button({
  variant = 'secondary',
  busy = false,
  kbd,
  size = 'md',
  className,
  children,
  disabled,
  type = 'button',
  ...rest
}: ButtonProps) {
  return (
    <button
      type={type}
      className={`btn btn-${variant} btn-${size}${className ? ` ${className}` : ''}`}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      {...rest}
    >
      {busy && <Spinner size={12} />}
      {children}
      {kbd && <kbd className="btn-kbd">{kbd}</kbd>}
    </button>
  );
}
