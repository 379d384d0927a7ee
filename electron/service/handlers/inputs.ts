/**
 * Contract handlers for the `inputs:` domain: the native folder picker (desktop only) and scanning
 * paths for images before a batch exists, each found image registered for a lazy preview and checked
 * by its header, so the composer lists unusable files with their reasons before Start.
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
      const verdicts = await ctx.inputProbe.probe(found.files);
      const unusable = found.files.flatMap((file, i) => {
        const problem = verdicts[i];
        return problem
          ? [{ path: file.path, relPath: file.relPath, code: problem.code, message: problem.message }]
          : [];
      });
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
        unusable: unusable.slice(0, limit),
        usable: found.files.length - unusable.length,
      };
    },
  };
}
