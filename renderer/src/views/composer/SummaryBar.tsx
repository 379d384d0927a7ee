/**
 * The sticky bottom line: "42 images x 6 prompts x 4 seeds x 3 styles = 3,024 jobs · est. 2 h 40 m at
 * concurrency 4", every thing that still needs fixing (all of them, by name), and Start (Ctrl/Cmd+Enter).
 * With something to fix, Start shows every error and goes to the first; with nothing to run (0 jobs, or
 * the images still being counted) it is disabled and says why.
 */
import { Button } from '../../components/Button';
import { listIssues } from '../../stores/composer-issues';
import { useComposer } from '../../stores/composer-store';
import { describeAxes } from './local-preview';
import type { SweepPreviewState } from './use-sweep-preview';

export interface SummaryBarProps {
  preview: SweepPreviewState;
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

export function SummaryBar({ preview, starting, startError, onStart }: SummaryBarProps) {
  const { axes, jobCount, estimate, issues, imageCount, unusableCount } = preview;
  const revealAll = useComposer((s) => s.revealAll);
  const blocked = startBlockedReason(preview);
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
            {estimate && <span className="muted"> · {estimate}</span>}
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
