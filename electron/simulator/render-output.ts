/**
 * Rendered outputs by request id: the first media fetch (or a sync call) renders, concurrent fetches
 * share that render, and the bytes stay in a byte-bounded cache. An evicted output is rendered again
 * with identical bytes, because rendering is deterministic.
 */
import { type IdeogramParams, resolutionSize } from '@shared/catalogue';
import type { SimContext } from './context';
import { effectiveSeed } from './render-image';

export interface OutputRequest {
  id: string;
  params: IdeogramParams;
  source: Buffer;
  fingerprint: string;
}

/** PNG bytes of a request's output, cached per request id. */
export function renderOutput(ctx: SimContext, request: OutputRequest): Promise<Buffer> {
  const cached = ctx.outputs.get(request.id);
  if (cached) return cached;
  const pending = ctx.renderer.render({
    source: request.source,
    params: request.params,
    seed: effectiveSeed(request.params, request.fingerprint),
  });
  const { width, height } = resolutionSize(request.params.resolution);
  // Reserve a typical PNG size now; the real size replaces it once known.
  ctx.outputs.set(request.id, pending, width * height);
  pending.then(
    (bytes) => {
      if (ctx.outputs.get(request.id) === pending) ctx.outputs.set(request.id, pending, bytes.length);
    },
    () => ctx.outputs.delete(request.id),
  );
  return pending;
}
