/**
 * Contract handlers for the studio as a whole: app info and backend, settings and the API key, input
 * scanning, the composer's live sweep preview, engine status and concurrency, history search and the
 * matrix export.
 */
import type { InputScan, SweepPreview } from '@shared/contract';
import { describeSweepEstimate } from '@shared/scheduling';
import {
  AXIS_ORDER,
  axisSizes,
  compileSweep,
  countJobs,
  parseSweepSpec,
  promptVariantAt,
} from '@shared/sweep';
import { LARGE_SWEEP_JOBS } from '../../engine/batch-creator';
import { discoverInputs } from '../../images/discover-inputs';
import { type Handlers, ServiceError } from '../dispatcher';
import { exportMatrix } from '../matrix-export';
import type { ServiceContext } from '../service-context';

type StudioMethods =
  | 'app:info'
  | 'backend:health'
  | 'settings:get'
  | 'settings:update'
  | 'settings:setApiKey'
  | 'inputs:pickFolder'
  | 'inputs:scan'
  | 'sweep:preview'
  | 'engine:status'
  | 'engine:setConcurrency'
  | 'engine:resumeAfterHalt'
  | 'history:search'
  | 'matrix:export';

const PREVIEW_ITEMS = 50;

export function studioHandlers(ctx: ServiceContext): Pick<Handlers, StudioMethods> {
  const settingsView = () => ctx.settings.view(ctx.backend());
  return {
    'app:info': () => ctx.info(),
    'backend:health': () => ctx.backend().health(),
    'settings:get': () => settingsView(),
    'settings:update': (patch) => {
      ctx.settings.update(patch);
      if (patch.defaultConcurrency !== undefined) {
        ctx.engine().setConcurrency(patch.defaultConcurrency);
        ctx.emit('engine:status', ctx.engineStatus());
      }
      return settingsView();
    },
    'settings:setApiKey': async ({ apiKey }) => {
      const key = apiKey?.trim() || null;
      ctx.settings.keyStore.save(key);
      await ctx.switchBackend();
      return settingsView();
    },
    'inputs:pickFolder': async ({ purpose }) => {
      if (!ctx.platform.pickFolder) return { paths: null, supported: false };
      return { paths: await ctx.platform.pickFolder(purpose), supported: true };
    },
    'inputs:scan': async ({ paths, recursive, extensions, limit }): Promise<InputScan> => {
      const found = await discoverInputs({ paths, recursive, extensions });
      return {
        images: found.files.slice(0, limit).map(({ path, relPath, name, sizeBytes }) => ({
          path,
          relPath,
          name,
          sizeBytes,
          thumbId: ctx.scanPreviews.register(path),
        })),
        total: found.files.length,
        problems: found.problems,
      };
    },
    'sweep:preview': ({ spec, imageCount, concurrency }): SweepPreview => {
      const parsed = parseSweepSpec(spec);
      const empty = {
        axes: [],
        jobCount: 0,
        estimate: '',
        promptVariants: [],
        seeds: [],
        needsConfirmation: false,
      };
      if (!parsed.ok) return { ok: false, issues: parsed.issues, ...empty };
      const sweep = compileSweep(parsed.value);
      const images = imageCount ?? 0;
      const sizes = axisSizes(sweep, images);
      const jobCount = countJobs(parsed.value, images);
      const variants: string[] = [];
      parsed.value.prompts.forEach((template, t) => {
        const count = sweep.prompts[t]?.count ?? 0;
        for (let i = 0; i < count && variants.length < PREVIEW_ITEMS; i++)
          variants.push(promptVariantAt(template, i));
      });
      const seeds = Array.from({ length: Math.min(sweep.seeds.count, PREVIEW_ITEMS) }, (_, i) =>
        sweep.seeds.at(i),
      );
      return {
        ok: true,
        issues: [],
        axes: AXIS_ORDER.map((name) => ({ name, count: sizes[name] })),
        jobCount,
        estimate: describeSweepEstimate(jobCount, concurrency ?? ctx.engine().concurrency().userLimit),
        promptVariants: variants,
        seeds,
        needsConfirmation: jobCount > LARGE_SWEEP_JOBS,
      };
    },
    'engine:status': () => ctx.engineStatus(),
    'engine:setConcurrency': ({ limit }) => {
      ctx.engine().setConcurrency(limit);
      const status = ctx.engineStatus();
      ctx.emit('engine:status', status);
      return status;
    },
    'engine:resumeAfterHalt': () => {
      ctx.engine().reopenAfterHalt();
      const status = ctx.engineStatus();
      ctx.emit('engine:status', status);
      return status;
    },
    'history:search': ({ text, limit }) => ctx.journal.prompts.search(text, limit),
    'matrix:export': async (args) => {
      if (!ctx.journal.batches.get(args.batchId))
        throw new ServiceError('not_found', `no batch ${args.batchId}`);
      return exportMatrix(ctx.journal, ctx.dataDir, args);
    },
  };
}
