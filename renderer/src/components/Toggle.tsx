/** A labelled on/off switch (checkbox underneath, so it is keyboard and screen-reader friendly). */
export interface ToggleProps {
  checked: boolean;
  onChange: (checked: boolean) => void;
  label: string;
  title?: string;
  testId?: string;
}

export function Toggle({ checked, onChange, label, title, testId }: ToggleProps) {
  return (
    <label className="toggle" title={title}>
      <input
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        data-testid={testId}
      />
      <span className="toggle-track" aria-hidden>
        <span className="toggle-thumb" />
      </span>
      <span>{label}</span>
    </label>
  );
}
