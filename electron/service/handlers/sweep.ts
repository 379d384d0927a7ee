/**
 * Contract handlers for the `sweep:` domain: the composer's preview, computed by shared/sweep's
 * `previewSweep` (the renderer can run the same code; main answers with the engine's live concurrency).
 */
import { previewSweep } from '@shared/sweep';
import type { Handlers, MethodsOf } from '../dispatcher';
import type { ServiceContext } from '../service-context';

export function sweepHandlers(ctx: ServiceContext): Pick<Handlers, MethodsOf<'sweep'>> {
  return {
    'sweep:preview': ({ spec, imageCount, concurrency }) =>
      previewSweep(spec, {
        imageCount,
        concurrency: concurrency ?? ctx.engine().concurrency().userLimit,
      }),
  };
}
