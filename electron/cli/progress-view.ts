/**
 * How the CLI shows a running batch: a redrawn bar on a terminal, one plain line per change when
 * piped, or JSON lines with `--json` for scripts. All three read the same BatchSummary.
 */
import { describeBatch, formatDuration } from '@shared/scheduling';
import type { BatchSummary } from '../engine/engine';

export interface ProgressView {
  update(summary: BatchSummary): void;
  note(message: string): void;
  finish(summary: BatchSummary): void;
}

/**
 * One human line in the studio's vocabulary (shared/scheduling's describeBatch), plus what is moving:
 * `Running — 40 of 200 done, 2 failed · 4 running · 154 queued · 3.1/min · ETA 5 m 10 s`.
 */
export function describeProgress(s: BatchSummary): string {
  const c = s.counts;
  const running = c.submitting + c.queued + c.processing;
  const parts = [
    describeBatch(s.batch.state, c).line,
    c.skipped_duplicate ? `${c.skipped_duplicate} reused` : '',
    running ? `${running} running` : '',
    c.pending ? `${c.pending} queued` : '',
    s.jobsPerMinute > 0 ? `${s.jobsPerMinute.toFixed(1)}/min` : '',
    s.etaMs === null || s.etaMs === 0 ? '' : `ETA ${formatDuration(s.etaMs)}`,
  ];
  return parts.filter(Boolean).join(' · ');
}

function bar(s: BatchSummary, width = 24): string {
  const filled = s.total === 0 ? width : Math.round((s.done / s.total) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
}

function jsonLine(type: string, s: BatchSummary): string {
  return JSON.stringify({
    type,
    batchId: s.batch.id,
    state: s.batch.state,
    total: s.total,
    done: s.done,
    counts: s.counts,
    jobsPerMinute: Math.round(s.jobsPerMinute * 100) / 100,
    etaMs: s.etaMs,
    haltReason: s.batch.haltReason ?? null,
    pauseReason: s.batch.pauseReason ?? null,
    ledger: s.ledger,
  });
}

/** Picks the view for this output stream. */
export function createProgressView(out: NodeJS.WriteStream, json: boolean): ProgressView {
  if (json) {
    return {
      update: (s) => out.write(`${jsonLine('progress', s)}\n`),
      note: (message) => out.write(`${JSON.stringify({ type: 'note', message })}\n`),
      finish: (s) => out.write(`${jsonLine('summary', s)}\n`),
    };
  }
  if (out.isTTY) {
    let drawn = false;
    const clear = () => drawn && out.write('\r\x1b[2K');
    return {
      update: (s) => {
        clear();
        out.write(`${bar(s)} ${describeProgress(s)}`.slice(0, (out.columns || 120) - 1));
        drawn = true;
      },
      note: (message) => {
        clear();
        drawn = false;
        out.write(`${message}\n`);
      },
      finish: (s) => {
        clear();
        drawn = false;
        out.write(`${bar(s)} ${describeProgress(s)}\n`);
      },
    };
  }
  let last = '';
  return {
    update: (s) => {
      const line = describeProgress(s);
      if (line !== last) out.write(`${line}\n`);
      last = line;
    },
    note: (message) => out.write(`${message}\n`),
    finish: (s) => out.write(`${describeProgress(s)}\n`),
  };
}
