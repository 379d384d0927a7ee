/**
 * Contract handlers for the `inputs:` domain: the native folder picker (desktop only) and scanning
 * paths for images before a batch exists, each found image registered for a lazy preview and checked
 * by its header, so the composer lists unusable files with their reasons before Start.
 */
import type { InputScan } from '@shared/contract';
import { DEFAULT_EXTENSIONS } from '@shared/sweep';
import { discoverInputs } from '../../images/discover-inputs';
import { readCaptions } from '../../inputs/captions';
import type { Handlers, MethodsOf } from '../dispatcher';
import type { ServiceContext } from '../service-context';

/** Images without a caption listed by name, at most. */
const MISSING_LISTED = 50;

export function inputsHandlers(ctx: ServiceContext): Pick<Handlers, MethodsOf<'inputs'>> {
  return {
    'inputs:pickFolder': async ({ purpose }) => {
      if (!ctx.platform.pickFolder) return { paths: null, supported: false };
      return { paths: await ctx.platform.pickFolder(purpose), supported: true };
    },
    'inputs:scan': async ({ paths, recursive, extensions, limit }): Promise<InputScan> => {
      // The extensions a batch uses when the spec names none: the count must be the batch's, and a
      // caption's .txt or a prompts.csv beside the photos is not an image.
      const found = await discoverInputs({ paths, recursive, extensions: extensions ?? DEFAULT_EXTENSIONS });
      const captions = await readCaptions(found.files);
      const missing = found.files.filter((_, i) => !captions.captions[i]).map((f) => f.relPath);
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
        captions: {
          count: found.files.length - missing.length,
          missing: missing.slice(0, MISSING_LISTED),
          problems: captions.problems,
        },
        unusable: unusable.slice(0, limit),
        usable: found.files.length - unusable.length,
      };
    },
  };
}
