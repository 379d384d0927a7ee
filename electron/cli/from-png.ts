/**
 * `--from out/x.png`: the spec of a re-run of the job a PNG records, with the flags given on the command
 * line laid over it (`--seeds random:4` sweeps new seeds around it, `--input` runs it on another image).
 * The source image is the one the journal knows with the content the PNG records; without it the user
 * is asked for `--input`. The new batch's parent is the PNG's batch and job while the journal has them.
 */
import { rerunSpec } from '@shared/provenance';
import type { Journal } from '../db';
import { PngReadError, readPngGeneration } from '../images/png-generation';
import { locateRerunSource } from '../service/rerun-source';

export interface FromPng {
  spec: Record<string, unknown>;
  parentBatchId?: string;
  parentJobId?: number;
  /** What was read and guessed, for the first lines of output. */
  notes: string[];
}

/** Builds the spec; throws an Error whose message says what is wrong (for the CLI to print). */
export async function specFromPng(
  journal: Journal,
  file: string,
  overrides: Record<string, unknown>,
): Promise<FromPng> {
  let png: Awaited<ReturnType<typeof readPngGeneration>>;
  try {
    png = await readPngGeneration({ path: file });
  } catch (error) {
    if (error instanceof PngReadError) throw new Error(`--from: ${error.message}`);
    throw error;
  }
  const { reading } = png;
  const source = await locateRerunSource(journal, reading);
  const given = overrides.inputs !== undefined;
  if (!given && !source.inputPath) {
    const input = reading.input;
    const what = input
      ? `${input.name}${input.hash ? ` (sha256 ${input.hash.slice(0, 12)}…)` : ''}, which this data folder does not have any more`
      : 'an image it does not name';
    throw new Error(`--from: ${png.fileName} was made from ${what}; pass --input <image>`);
  }
  const base = rerunSpec(reading.params, source.inputPath ?? '');
  const notes = [
    `From ${png.fileName}: ${reading.source === 'studio' ? 'Sweep Studio record' : 'AUTOMATIC1111 parameters'}${given ? '' : `, input ${source.inputPath}`}`,
    ...[...png.problems, ...reading.notes].map((n) => `  note: ${n}`),
  ];
  return {
    spec: { ...base, ...overrides },
    ...(source.parent ? { parentBatchId: source.parent.batchId } : {}),
    ...(source.parent?.jobId != null ? { parentJobId: source.parent.jobId } : {}),
    notes,
  };
}
