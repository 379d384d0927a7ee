/**
 * The CLI's money: the settings it runs with (the studio's, from the journal), the dry run's estimate
 * line, the refusal of an unconfirmed live run, and the ledger line of the summary. Kept apart from
 * sweep.ts so the command flow there stays readable.
 */

import type { SweepEstimateView } from '@shared/contract';
import {
  describeLedger,
  formatUsd,
  type Ledger,
  type SpendBackend,
  type SpendEstimate,
} from '@shared/economics';
import type { Journal } from '../db';
import { slotTimeHistory } from '../engine/ledger-views';
import type { EstimateContext } from '../engine/sweep-estimator';
import { createMemoryKeyStore } from '../service/key-store';
import { createSettings, requestsPerMinuteOf, type StoredSettings } from '../service/settings';
import { REAL_MEDIAN_LATENCY_MS } from '../simulator/options';

/** The studio's saved settings (price, confirmation threshold, caps…) as the desktop app uses them. */
export function savedSettings(journal: Journal, dataDir: string): StoredSettings {
  return createSettings(journal, dataDir, createMemoryKeyStore()).get();
}

/** What a dry run's estimate rests on: this backend's latency history, else its typical latency. */
export function cliEstimateContext(
  journal: Journal,
  settings: StoredSettings,
  opts: { backend: SpendBackend; concurrency: number; simulatorLatencyScale: number; wildcardsDir: string },
): EstimateContext {
  return {
    backend: opts.backend,
    priceUsd: settings.pricePerGenerationUsd,
    confirmAboveUsd: settings.confirmAboveUsd,
    concurrency: opts.concurrency,
    latency: slotTimeHistory(journal, opts.backend),
    defaultMedianMs:
      opts.backend === 'simulator' ? REAL_MEDIAN_LATENCY_MS * opts.simulatorLatencyScale : null,
    requestsPerMinute: requestsPerMinuteOf(settings),
    wildcardsDir: opts.wildcardsDir,
  };
}

/** `5 images -> 40 jobs · 28 to pay (12 reused) · $0 (simulator) — $2.80 if live · est. 1 m 05 s at concurrency 4` */
export function describeEstimate(e: Extract<SweepEstimateView, { ok: true }>): string {
  const skipped = [
    e.reused ? `${e.reused.toLocaleString('en-US')} reused` : '',
    e.unusable ? `${e.unusable} unusable` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return [
    `${e.images} images -> ${e.jobCount.toLocaleString('en-US')} jobs`,
    `${e.jobsToPay.toLocaleString('en-US')} to pay${skipped ? ` (${skipped})` : ''}`,
    e.text,
    e.durationText,
  ].join(' · ');
}

/** The refusal of a live run above the threshold, stating its dollars and the two ways on. */
export function spendRefusal(estimate: SpendEstimate, confirmAboveUsd: number): string {
  return (
    `This live run costs up to ${formatUsd(estimate.liveUsd)}: ${estimate.jobsToPay.toLocaleString('en-US')} jobs ` +
    `to pay at ${formatUsd(estimate.priceUsd)}${estimate.reused ? ` (${estimate.reused} reused at $0)` : ''}, ` +
    `above the ${formatUsd(confirmAboveUsd)} that runs without asking.\n` +
    `Nothing was sent. Confirm with --yes, or cap the spend with --max-spend <usd>.`
  );
}

/** The summary's money line: `Money: billed 18 · $1.80 · FAILED, not billed 2 · …`. */
export function describeMoney(ledger: Ledger, backend: SpendBackend): string {
  return `Money: ${describeLedger(ledger, { simulated: backend === 'simulator' })}`;
}
