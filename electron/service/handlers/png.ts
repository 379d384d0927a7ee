/**
 * Contract handlers for the `png:` domain: what a PNG records about how it was made (read by
 * electron/images, translated by shared/provenance), with the source image and parent batch looked up
 * in the journal so the panel can offer "Run again" at once; and the desktop's file picker.
 */
import { type PngRecordView, ServiceError } from '@shared/contract';
import { rerunKey } from '@shared/provenance';
import { PngReadError, readPngGeneration } from '../../images/png-generation';
import type { Handlers, MethodsOf } from '../dispatcher';
import { locateRerunSource } from '../rerun-source';
import type { ServiceContext } from '../service-context';

export function pngHandlers(ctx: ServiceContext): Pick<Handlers, MethodsOf<'png'>> {
  return {
    'png:read': async (args): Promise<PngRecordView> => {
      let png: Awaited<ReturnType<typeof readPngGeneration>>;
      try {
        png = await readPngGeneration(
          'path' in args
            ? { path: args.path }
            : { bytes: Buffer.from(args.bytesBase64, 'base64'), name: args.name },
        );
      } catch (error) {
        if (error instanceof PngReadError) throw new ServiceError('invalid_input', error.message);
        throw error;
      }
      const { reading } = png;
      const source = await locateRerunSource(ctx.journal, reading);
      const hash = reading.input?.hash ?? null;
      return {
        fileName: png.fileName,
        source: reading.source,
        params: reading.params,
        resolutionMatched: reading.resolutionMatched,
        input: reading.input && { ...reading.input, path: source.inputPath },
        parent: source.parent,
        software: reading.software,
        jobKey: reading.jobKey,
        keyMatches:
          reading.jobKey && hash && source.inputPath
            ? rerunKey(reading.params, hash) === reading.jobKey
            : null,
        notes: [...png.problems, ...reading.notes],
      };
    },
    'png:pick': async () => {
      if (!ctx.platform.pickPng) return { path: null, supported: false };
      return { path: await ctx.platform.pickPng(), supported: true };
    },
  };
}
