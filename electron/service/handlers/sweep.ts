/**
 * Contract handlers for the `sweep:` domain: the composer's preview, computed by shared/sweep's
 * `previewSweep` (the renderer can run the same code; main answers with the engine's live concurrency,
 * and reads the wildcard files the prompts use, which the renderer cannot).
 */
import { previewSweep } from '@shared/sweep';
import { specWithWildcards } from '../../engine/sweep-inputs';
import type { Handlers, MethodsOf } from '../dispatcher';
import type { ServiceContext } from '../service-context';

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
  };
}
