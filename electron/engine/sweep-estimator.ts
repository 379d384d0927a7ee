/**
 * What a sweep will cost and take before it is created (composer footer, `--dry-run`): its inputs are
 * found and hashed (the hash is what job keys are made of; cached by path, size and mtime, so typing
 * in the composer re-reads nothing), then, for the inputs that have been generated from before, the
 * would-be jobs' keys are looked up among completed jobs: those are reused by dedupe and cost $0.
 * Inputs never seen cost no lookup at all. Unreadable or empty inputs are left out of the jobs to pay
 * (their jobs fail before any request). Dollars are shared/economics' `estimateSpend`, time
 * shared/scheduling's `estimateSweepDuration` at the latency history given.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { SweepEstimateView } from '@shared/contract';
import { estimateSpend, type SpendBackend } from '@shared/economics';
import { estimateSweepDuration, formatDuration, type SlotHistory } from '@shared/scheduling';
import { countJobs, expand, parseSweepSpec, type ResolvedInput, type SweepSpec } from '@shared/sweep';
import type { Journal } from '../db';
import { discoverInputs } from '../images/discover-inputs';

export interface EstimateContext {
  backend: SpendBackend;
  priceUsd: number;
  confirmAboveUsd: number;
  concurrency: number;
  /** This backend's slot-time history (shared/scheduling's SlotHistory), or null: then `defaultMedianMs`. */
  latency: Pick<SlotHistory, 'medianMs' | 'meanMs' | 'sigma' | 'gapMs' | 'finishMs'> | null;
  /** Median slot time to assume without history; null = Segmind's headline latency. */
  defaultMedianMs: number | null;
  /** The account's request budget, when known (null = limited by concurrency only). */
  requestsPerMinute: number | null;
}

export type SweepEstimateResult = SweepEstimateView;

interface HashEntry {
  size: number;
  mtimeMs: number;
  hash: string | null;
}

/** Files above this are refused by input preparation anyway (its default limit); they are not read. */
const MAX_INPUT_BYTES = 256_000_000;

export interface SweepEstimator {
  estimate(spec: unknown, ctx: EstimateContext): Promise<SweepEstimateResult>;
}

/** Creates an estimator with its own hash cache (one per service or CLI run). */
export function createSweepEstimator(journal: Journal): SweepEstimator {
  const hashes = new Map<string, HashEntry>();

  /** sha256 of the file's bytes (what preparation hashes), or null when it cannot be read or is empty. */
  async function contentHash(path: string): Promise<string | null> {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch {
      return null;
    }
    const cached = hashes.get(path);
    if (cached && cached.size === info.size && cached.mtimeMs === info.mtimeMs) return cached.hash;
    let hash: string | null = null;
    if (info.isFile() && info.size > 0 && info.size <= MAX_INPUT_BYTES) {
      hash = await readFile(path).then(
        (bytes) => createHash('sha256').update(bytes).digest('hex'),
        () => null,
      );
    }
    hashes.set(path, { size: info.size, mtimeMs: info.mtimeMs, hash });
    return hash;
  }

  /** Jobs of `inputs` whose key a completed job already has. */
  function reusedJobs(spec: SweepSpec, inputs: ResolvedInput[]): number {
    const withHistory = inputs.filter((i) => journal.jobs.hasCompletedForContent(i.contentHash));
    let reused = 0;
    for (const job of expand(spec, withHistory)) if (journal.jobs.findCompletedByKey(job.key)) reused++;
    return reused;
  }

  return {
    async estimate(raw, ctx) {
      const parsed = parseSweepSpec(raw);
      if (!parsed.ok) return { ok: false, issues: parsed.issues };
      const spec = parsed.value;
      const found = await discoverInputs(spec.inputs);
      const jobCount = countJobs(spec, found.files.length);
      const perInput = found.files.length === 0 ? 0 : jobCount / found.files.length;
      const resolved: ResolvedInput[] = [];
      let unusableInputs = 0;
      for (const [index, file] of found.files.entries()) {
        const hash = await contentHash(file.path);
        if (hash === null) unusableInputs++;
        else resolved.push({ index, name: file.name, relPath: file.relPath, contentHash: hash });
      }
      const spend = estimateSpend({
        jobCount,
        reused: spec.dedupe ? reusedJobs(spec, resolved) : 0,
        unusable: unusableInputs * perInput,
        priceUsd: ctx.priceUsd,
        backend: ctx.backend,
        confirmAboveUsd: ctx.confirmAboveUsd,
      });
      // A slot's cycle is its time held plus the idle moment before the next submit takes it.
      const medianMs = ctx.latency ? ctx.latency.medianMs + ctx.latency.gapMs : ctx.defaultMedianMs;
      const durationMs = estimateSweepDuration({
        jobsToPay: spend.jobsToPay,
        concurrency: ctx.concurrency,
        medianLatencyMs: medianMs,
        latencySigma: ctx.latency?.sigma ?? null,
        meanLatencyMs: ctx.latency ? ctx.latency.meanMs + ctx.latency.gapMs : null,
        finishMs: ctx.latency?.finishMs ?? null,
        requestsPerMinute: ctx.requestsPerMinute,
      });
      return {
        ...spend,
        ok: true,
        images: found.files.length,
        durationMs,
        durationText: `est. ${formatDuration(durationMs)} at concurrency ${Math.max(1, Math.floor(ctx.concurrency))}`,
        latencyBasis: ctx.latency ? 'history' : 'default',
      };
    },
  };
}
