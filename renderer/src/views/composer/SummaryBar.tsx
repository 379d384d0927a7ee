/**
 * The sticky bottom line: "42 images x 6 prompts x 4 seeds x 3 styles = 3,024 jobs · est. 2 h 40 m at
 * concurrency 4", what it will cost ("2,736 to pay (288 reused) · $273.60 · est. …"), every thing that
 * still needs fixing (all of them, by name), and Start (Ctrl/Cmd+Enter). With something to fix, Start
 * shows every error and goes to the first; with nothing to run (0 jobs, or the images still being
 * counted) it is disabled and says why.
 */
import { Button } from '../../components/Button';
import { parseMaxSpend } from '../../stores/composer-form';
import { listIssues } from '../../stores/composer-issues';
import { useComposer } from '../../stores/composer-store';
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

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);

/** Why Start cannot run the sweep as it is, or null when it can (issues are listed on their own). */
export function startBlockedReason(
  preview: Pick<
    SweepPreviewState,
    'issues' | 'jobCount' | 'imageCount' | 'unusableCount' | 'wildcardsPending'
  >,
): string | null {
  if (preview.issues.length > 0) return null;
  if (preview.imageCount === 0)
    return preview.unusableCount > 0
      ? '0 jobs: none of the images found can be used'
      : '0 jobs: no images were found in the chosen paths';
  if (preview.jobCount === 0) return '0 jobs: one of the sweep’s lists is empty';
  if (preview.jobCount === null)
    return preview.wildcardsPending ? 'Counting the wildcard options…' : 'Counting the images…';
  return null;
}

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
  const revealAll = useComposer((s) => s.revealAll);
  const capError = parseMaxSpend(useComposer((s) => s.form.maxSpend)).error;
  // The spend cap's own error shows in its section; Start says why it does nothing.
  const blocked = startBlockedReason(preview) ?? (capError ? `Spend cap: ${capError}` : null);
  const n = issues.length;
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
        ) : n > 0 ? (
          <p
            className={`small ${revealAll ? 'warn' : 'muted'}`}
            data-testid="composer-issues"
            data-count={n}
            id="composer-issues"
          >
            {n === 1 ? '1 thing to fix' : `${n} things to fix`}: {listIssues(issues)}
          </p>
        ) : blocked ? (
          <p className="muted small" data-testid="start-reason" id="start-reason">
            {blocked}
          </p>
        ) : preview.remote?.needsConfirmation ? (
          <p className="warn small">A large sweep: you will be asked to confirm.</p>
        ) : null}
      </div>
      <Button
        variant="primary"
        onClick={onStart}
        busy={starting}
        disabled={blocked !== null}
        title={blocked ?? (n > 0 ? 'Shows what to fix first' : undefined)}
        aria-describedby={n > 0 ? 'composer-issues' : blocked ? 'start-reason' : undefined}
        kbd={isMac ? '⌘↵' : 'Ctrl+↵'}
        data-testid="composer-start"
      >
        Start sweep
      </Button>
    </footer>
  );
}
