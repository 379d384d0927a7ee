/**
 * Contract handlers for the `sweep:` domain: the composer's preview, computed by shared/sweep's
 * `previewSweep` (the renderer can run the same code; main answers with the engine's live concurrency),
 * and the estimate of what the sweep will cost and take (engine/sweep-estimator.ts), on the backend,
 * price, latency history and request budget in use.
 */
import { previewSweep } from '@shared/sweep';
import type { EstimateContext } from '../../engine/sweep-estimator';
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
  };
}

export function sweepHandlers(ctx: ServiceContext): Pick<Handlers, MethodsOf<'sweep'>> {
  return {
    'sweep:preview': ({ spec, imageCount, concurrency }) =>
      previewSweep(spec, {
        imageCount,
        concurrency: concurrency ?? ctx.engine().concurrency().userLimit,
      }),
    'sweep:estimate': ({ spec, concurrency }) =>
      ctx.estimator.estimate(spec, estimateContext(ctx, concurrency)),
  };
}
