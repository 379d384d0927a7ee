/**
 * A toggle chip for multi-select axes (styles, magic prompt, palettes), and `ChipGroup`, the group it
 * lives in: one Tab stop for the whole group, arrow keys inside (roving tabindex), announced as a group
 * of checkboxes.
 */
import type { ReactNode } from 'react';
import { useRovingFocus } from './use-roving-focus';

export interface ChipProps {
  selected: boolean;
  onToggle: () => void;
  children: ReactNode;
  title?: string;
  disabled?: boolean;
  /** Optional leading visual (swatches, shapes). */
  icon?: ReactNode;
  testId?: string;
  /** Roving focus: -1 for every chip but the group's one Tab stop. Default 0. */
  tabIndex?: number;
  /** The key the group's roving focus finds this chip by. */
  rovingKey?: string;
}

export function Chip({
  selected,
  onToggle,
  children,
  title,
  disabled,
  icon,
  testId,
  tabIndex,
  rovingKey,
}: ChipProps) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a chip is a checkbox drawn as a button; the group's roving tabindex needs a focusable button, not an input behind a label.
    <button
      type="button"
      role="checkbox"
      className={`chip${selected ? ' chip-on' : ''}`}
      aria-checked={selected}
      onClick={onToggle}
      title={title}
      disabled={disabled}
      data-testid={testId}
      tabIndex={tabIndex}
      data-roving={rovingKey}
    >
      {icon}
      <span>{children}</span>
    </button>
  );
}

export interface ChipOption {
  key: string;
  label: ReactNode;
  selected: boolean;
  onToggle(): void;
  title?: string;
  icon?: ReactNode;
  testId?: string;
}

/** A group of toggle chips that is a single Tab stop (arrows move, Space toggles). */
export function ChipGroup({
  label,
  options,
  testId,
  className = 'chips',
}: {
  label: string;
  options: readonly ChipOption[];
  testId?: string;
  className?: string;
}) {
  const roving = useRovingFocus(options);
  return (
    <fieldset aria-label={label} className={className} data-testid={testId} {...roving.containerProps}>
      {options.map((o) => {
        const item = roving.itemProps(o.key);
        return (
          <Chip
            key={o.key}
            selected={o.selected}
            onToggle={o.onToggle}
            title={o.title}
            icon={o.icon}
            testId={o.testId}
            tabIndex={item.tabIndex}
            rovingKey={item['data-roving']}
          >
            {o.label}
          </Chip>
        );
      })}
    </fieldset>
  );
}
