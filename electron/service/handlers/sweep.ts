/**
 * Contract handlers for the `sweep:` domain: the composer's preview, computed by shared/sweep's
 * `previewSweep` (the renderer can run the same code; main answers with the engine's live concurrency,
 * and reads the wildcard files the prompts use, which the renderer cannot), and the estimate of what
 * the sweep will cost and take (engine/sweep-estimator.ts), on the backend, price, latency history and
 * request budget in use.
 */
import { previewSweep } from '@shared/sweep';
import type { EstimateContext } from '../../engine/sweep-estimator';
import { specWithWildcards } from '../../engine/sweep-inputs';
import type { Handlers, MethodsOf } from '../dispatcher';
import type { ServiceContext } from '../service-context';
import { requestsPerMinuteOf } from '../settings';

/** What an estimate on the running backend rests on. */
export function estimateContext(ctx: ServiceContext, concurrency?: number): EstimateContext {
  const settings = ctx.settings.get();
  const engine = ctx.engine();
  return {
    backend: ctx.backend().kind,
    priceUsd: settings.pricePerGenerationUsd,
    confirmAboveUsd: settings.confirmAboveUsd,
    concurrency: concurrency ?? engine.concurrency().userLimit,
    latency: engine.latencyHistory(),
    defaultMedianMs: ctx.backend().medianLatencyMs,
    requestsPerMinute: requestsPerMinuteOf(settings),
    wildcardsDir: settings.wildcardsDir,
  };
}

export function sweepHandlers(ctx: ServiceContext): Pick<Handlers, MethodsOf<'sweep'>> {
  return {
    'sweep:preview': async ({ spec, imageCount, concurrency }) => {
      const resolved = await specWithWildcards(spec, ctx.settings.get().wildcardsDir);
      const preview = previewSweep(resolved.spec, {
        imageCount,
        concurrency: concurrency ?? ctx.engine().concurrency().userLimit,
      });
      if (resolved.issues.length === 0) return preview;
      // A missing file is said with its folders here; the parser's shorter words on the same field go.
      const fields = new Set(resolved.issues.map((i) => i.field));
      const issues = [...resolved.issues, ...preview.issues.filter((i) => !fields.has(i.field))];
      return { ...preview, ok: false, issues };
    },
    'sweep:estimate': ({ spec, concurrency }) =>
      ctx.estimator.estimate(spec, estimateContext(ctx, concurrency)),
  };
}
