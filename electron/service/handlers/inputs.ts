/**
 * Contract handlers for the `inputs:` domain: the native folder picker (desktop only) and scanning
 * paths for images before a batch exists, each found image registered for a lazy preview.
 */
import type { InputScan } from '@shared/contract';
import { discoverInputs } from '../../images/discover-inputs';
import type { Handlers, MethodsOf } from '../dispatcher';
import type { ServiceContext } from '../service-context';

export function inputsHandlers(ctx: ServiceContext): Pick<Handlers, MethodsOf<'inputs'>> {
  return {
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
  };
}
