/**
 * The sticky bottom line: "42 images x 6 prompts x 4 seeds x 3 styles = 3,024 jobs · est. 2 h 40 m at
 * concurrency 4", what it will cost ("2,736 to pay (288 reused) · $273.60 · est. …"), what still needs
 * fixing, and Start (Ctrl/Cmd+Enter).
 */
import { Button } from '../../components/Button';
import { describeAxes } from './local-preview';
import type { OkEstimate } from './use-sweep-estimate';
import type { SweepPreviewState } from './use-sweep-preview';

export interface SummaryBarProps {
  preview: SweepPreviewState;
  /** Main's cost and time estimate for this form, once it has answered. */
  money: OkEstimate | null;
  starting: boolean;
  startError: string | null;
  onStart: () => void;
}

const FIELD_LABELS: [RegExp, string][] = [
  [/^inputs/, 'Inputs'],
  [/^prompts/, 'Prompts'],
  [/^seeds|^sweepSeed/, 'Seeds'],
  [/^styles/, 'Style'],
  [/^resolutions/, 'Resolution'],
  [/^imageWeights/, 'Image weight'],
  [/^magicPrompts/, 'Magic prompt'],
  [/^negativePrompts/, 'Negative prompt'],
  [/^palettes/, 'Colour palette'],
  [/^template/, 'Naming template'],
];

/** The form section a validator field belongs to, in words. */
function fieldLabel(field: string): string {
  return FIELD_LABELS.find(([re]) => re.test(field))?.[1] ?? field;
}

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);

function MoneyLine({ money }: { money: OkEstimate }) {
  const skipped = [
    money.reused ? `${money.reused.toLocaleString('en-US')} reused` : '',
    money.unusable ? `${money.unusable.toLocaleString('en-US')} unusable` : '',
  ].filter(Boolean);
  return (
    <p className="summary-line small" data-testid="spend-estimate">
      <strong data-testid="jobs-to-pay">{money.jobsToPay.toLocaleString('en-US')}</strong> to pay
      {skipped.length > 0 && ` (${skipped.join(', ')})`}
      {' · '}
      <strong data-testid="estimate-usd">{money.text}</strong>
    </p>
  );
}

export function SummaryBar({ preview, money, starting, startError, onStart }: SummaryBarProps) {
  const { axes, jobCount, estimate, issues, imageCount, unusableCount } = preview;
  const blocked = issues.length > 0;
  return (
    <footer className="summary-bar" data-testid="composer-summary">
      <div className="summary-text">
        {axes ? (
          <p className="summary-line" data-testid="sweep-line">
            <span>{describeAxes(axes, imageCount !== null)}</span>
            {jobCount !== null && (
              <>
                {' = '}
                <strong data-testid="job-count">{jobCount.toLocaleString('en-US')}</strong> job
                {jobCount === 1 ? '' : 's'}
              </>
            )}
            {/* Main's time (this backend's latency history, jobs to pay only) once it has answered. */}
            {(money?.durationText || estimate) && (
              <span className="muted"> · {money?.durationText || estimate}</span>
            )}
            {unusableCount > 0 && (
              <span className="warn" data-testid="summary-unusable">
                {' '}
                · {unusableCount.toLocaleString('en-US')} unusable image{unusableCount === 1 ? '' : 's'} left
                out
              </span>
            )}
          </p>
        ) : preview.wildcardsPending && issues.length === 0 ? (
          <p className="summary-line muted">Counting the wildcard options…</p>
        ) : (
          <p className="summary-line muted">Fill in the marked fields to see the sweep size.</p>
        )}
        {money && axes && <MoneyLine money={money} />}
        {startError ? (
          <p className="error small" role="alert" data-testid="start-error">
            {startError}
          </p>
        ) : blocked ? (
          <p className="warn small" data-testid="composer-issues">
            {issues.length === 1 ? '1 thing to fix' : `${issues.length} things to fix`}:{' '}
            {fieldLabel(issues[0]!.field)} — {issues[0]!.message}
          </p>
        ) : preview.remote?.needsConfirmation ? (
          <p className="warn small">A large sweep: you will be asked to confirm.</p>
        ) : null}
      </div>
      <Button
        variant="primary"
        onClick={onStart}
        busy={starting}
        disabled={blocked}
        kbd={isMac ? '⌘↵' : 'Ctrl+↵'}
        data-testid="composer-start"
      >
        Start sweep
      </Button>
    </footer>
  );
}
