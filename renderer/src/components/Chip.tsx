/** A toggle chip for multi-select axes (styles, magic prompt, palettes). */
import type { ReactNode } from 'react';

export interface ChipProps {
  selected: boolean;
  onToggle: () => void;
  children: ReactNode;
  title?: string;
  disabled?: boolean;
  /** Optional leading visual (swatches, shapes). */
  icon?: ReactNode;
  testId?: string;
}

export function Chip({ selected, onToggle, children, title, disabled, icon, testId }: ChipProps) {
  return (
    <button
      type="button"
      className={`chip${selected ? ' chip-on' : ''}`}
      aria-pressed={selected}
      onClick={onToggle}
      title={title}
      disabled={disabled}
      data-testid={testId}
    >
      {icon}
      <span>{children}</span>
    </button>
  );
}
