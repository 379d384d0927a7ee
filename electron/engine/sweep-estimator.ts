/**
 * What a sweep will cost and take before it is created (composer footer, `--dry-run`): the wildcards its
 * prompts use are read in, its inputs found, checked (the header probe: a file that cannot be used
 * costs nothing, its jobs fail before any request) and hashed (the hash is what job keys are made of;
 * cached by path, size and mtime, so typing in the composer re-reads nothing); then, for the inputs that
 * have been generated from before, the would-be jobs' keys (captions and `match` sizes included) are
 * looked up among completed jobs: those are reused by dedupe and cost $0. Inputs never seen cost no
 * lookup at all. Dollars are shared/economics' `estimateSpend`, time shared/scheduling's
 * `estimateSweepDuration` at the latency history given.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { isMatchInput } from '@shared/catalogue';
import type { SweepEstimateView } from '@shared/contract';
import { estimateSpend, type SpendBackend } from '@shared/economics';
import { estimateSweepDuration, formatDuration, type SlotHistory } from '@shared/scheduling';
import { countJobs, expand, parseSweepSpec, type ResolvedInput, type SweepSpec } from '@shared/sweep';
import type { Journal } from '../db';
import { type DiscoveredFile, discoverInputs } from '../images/discover-inputs';
import type { InputProbe } from '../images/header-probe';
import { prepareInput } from '../images/prepare-input';
import { captionsFor, specWithWildcards, toInputCaption } from './sweep-inputs';

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
  /** The studio's wildcards folder (after each input folder's `wildcards/`); null = none. */
  wildcardsDir: string | null;
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

export interface SweepEstimatorDeps {
  journal: Journal;
  /** Where input preparation caches its results (`<data>/cache/inputs`): `match` sizes are read there. */
  prepareCacheDir: string;
  /** The scan-time usability check; without one, only unreadable and empty files count as unusable. */
  probe?: InputProbe;
}

/** Creates an estimator with its own hash cache (one per service or CLI run). */
export function createSweepEstimator(deps: SweepEstimatorDeps): SweepEstimator {
  const { journal } = deps;
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

  /**
   * Jobs of `inputs` whose key a completed job already has. A `match` sweep's keys hold each input's
   * chosen size, which comes from its prepared upload: inputs generated from before were prepared
   * before, so that is read from preparation's cache.
   */
  async function reusedJobs(
    spec: SweepSpec,
    inputs: ResolvedInput[],
    files: DiscoveredFile[],
  ): Promise<number> {
    const withHistory = inputs.filter((i) => journal.jobs.hasCompletedForContent(i.contentHash));
    if (withHistory.length === 0) return 0;
    if (spec.resolutions.some(isMatchInput)) {
      for (const input of withHistory) {
        const prepared = await prepareInput(files[input.index]!, { cacheDir: deps.prepareCacheDir });
        if (prepared.ok)
          Object.assign(input, { width: prepared.preparedWidth, height: prepared.preparedHeight });
      }
    }
    let reused = 0;
    for (const job of expand(spec, withHistory)) if (journal.jobs.findCompletedByKey(job.key)) reused++;
    return reused;
  }

  return {
    async estimate(raw, ctx) {
      const withWildcards = await specWithWildcards(raw, ctx.wildcardsDir);
      if (withWildcards.issues.length) return { ok: false, issues: withWildcards.issues };
      const parsed = parseSweepSpec(withWildcards.spec);
      if (!parsed.ok) return { ok: false, issues: parsed.issues };
      const spec = parsed.value;
      const found = await discoverInputs(spec.inputs);
      const captions = await captionsFor(spec, found.files);
      if (captions.issues.length) return { ok: false, issues: captions.issues };
      const problems = deps.probe ? await deps.probe.probe(found.files) : found.files.map(() => null);
      const jobCount = countJobs(spec, found.files.length);
      const perInput = found.files.length === 0 ? 0 : jobCount / found.files.length;
      const resolved: ResolvedInput[] = [];
      let unusableInputs = 0;
      for (const [index, file] of found.files.entries()) {
        const hash = problems[index] ? null : await contentHash(file.path);
        if (hash === null) unusableInputs++;
        else
          resolved.push({
            index,
            name: file.name,
            relPath: file.relPath,
            contentHash: hash,
            caption: toInputCaption(captions.captions[index] ?? null),
          });
      }
      const spend = estimateSpend({
        jobCount,
        reused: spec.dedupe ? await reusedJobs(spec, resolved, found.files) : 0,
        unusable: unusableInputs * perInput,
        priceUsd: ctx.priceUsd,
        backend: ctx.backend,
        confirmAboveUsd: ctx.confirmAboveUsd,
      });
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
