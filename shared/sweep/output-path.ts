/**
 * Renders a job's output path from a naming plan: relative, '/'-separated, NFC, safe on Windows,
 * macOS and Linux, every segment within `MAX_SEGMENT_BYTES`, the whole within
 * `MAX_RELATIVE_PATH_BYTES`, always ending in `.png`, and unique within the batch by construction
 * (see `naming-plan.ts` for why).
 */
import { resolutionLabel } from '../catalogue';
import type { SweepAxis } from './expand';
import type { JobSpec, ResolvedInput } from './job-spec';
import { type NamingPlan, type NamingPlanOptions, planNaming, SUFFIX_CODES } from './naming-plan';
import { type NamingToken, promptSlug, type TemplatePiece } from './naming-template';
import {
  MAX_RELATIVE_PATH_BYTES,
  MAX_SEGMENT_BYTES,
  needsPrefix,
  safeDirectorySegment,
  sanitizeText,
  truncateUtf8,
  utf8Bytes,
} from './path-safety';
import type { SweepSpec } from './sweep-spec';

/** What rendering one job's path needs: the batch's plan and the job. */
export interface NamingContext {
  plan: NamingPlan;
  job: JobSpec;
}

/** Shortest a directory segment is cut to before whole directories are dropped to fit the path budget. */
const MIN_DIRECTORY_BYTES = 16;

interface JobIndices {
  negative: number;
  style: number;
  magic: number;
  palette: number;
}

function indices(plan: NamingPlan, job: JobSpec): JobIndices {
  const { spec } = plan.sweep;
  const palette = JSON.stringify(job.palette);
  return {
    // -1: a job journaled before negative prompts had permutations, when each one was its own text.
    negative: job.negativeIndex >= 0 ? job.negativeIndex : spec.negativePrompts.indexOf(job.negativePrompt),
    style: spec.styles.indexOf(job.style),
    magic: spec.magicPrompts.indexOf(job.magicPrompt),
    palette: spec.palettes.findIndex((p) => JSON.stringify(p) === palette),
  };
}

function inputOf(plan: NamingPlan, job: JobSpec): ResolvedInput {
  const input = plan.inputs[job.inputIndex];
  if (!input)
    throw new RangeError(`job ${job.ordinal} names input ${job.inputIndex}, which the plan does not have`);
  return input;
}

function tokenValue(token: NamingToken, plan: NamingPlan, job: JobSpec, ix: JobIndices): string {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  switch (token) {
    case 'input':
      return sanitizeText(inputOf(plan, job).name);
    case 'inputPath':
      return inputOf(plan, job).relPath.split('/').slice(0, -1).join('/');
    case 'prompt':
      return pad(job.promptIndex + 1, plan.widths.prompt);
    case 'promptText':
      return promptSlug(job.prompt);
    case 'negative':
      return pad(ix.negative + 1, plan.widths.negative);
    case 'style':
      return job.style;
    case 'seed':
      return String(job.seed);
    case 'resolution':
      return resolutionLabel(job.resolution);
    case 'weight':
      return String(job.imageWeight);
    case 'magic':
      return job.magicPrompt;
    case 'palette':
      return plan.paletteLabels[ix.palette] ?? 'none';
    case 'ordinal':
      return pad(job.ordinal, plan.widths.ordinal);
    case 'key':
      return job.key.slice(0, 8);
    // {batch} and {date} are substituted by the plan; kept for exhaustiveness.
    case 'batch':
    case 'date':
      return '';
  }
}

function suffixValue(axis: SweepAxis, job: JobSpec, ix: JobIndices): string {
  const values: Record<SweepAxis, string | number> = {
    input: job.inputIndex,
    prompt: job.promptIndex,
    negative: ix.negative,
    style: ix.style,
    seed: job.seed,
    resolution: `${job.resolutionMatched ? 'm' : ''}${resolutionLabel(job.resolution)}`,
    imageWeight: job.imageWeight,
    magicPrompt: ix.magic,
    palette: ix.palette,
  };
  return `${SUFFIX_CODES[axis]}${values[axis]}`;
}

function renderPieces(pieces: TemplatePiece[], plan: NamingPlan, job: JobSpec, ix: JobIndices): string {
  return pieces
    .map((p) => (p.kind === 'text' ? p.text : sanitizeText(tokenValue(p.token, plan, job, ix))))
    .join('');
}

function renderDirectories(plan: NamingPlan, job: JobSpec, ix: JobIndices): string[] {
  const out: string[] = [];
  for (const pieces of plan.directories) {
    const only = pieces.length === 1 ? pieces[0] : undefined;
    // {inputPath} alone as a folder mirrors the input's folders; elsewhere its '/' become '_'.
    const parts =
      only?.kind === 'token' && only.token === 'inputPath'
        ? tokenValue('inputPath', plan, job, ix).split('/')
        : [renderPieces(pieces, plan, job, ix)];
    for (const part of parts) {
      const safe = safeDirectorySegment(part);
      if (safe) out.push(safe);
    }
  }
  return out;
}

function renderFileName(plan: NamingPlan, job: JobSpec, ix: JobIndices): string {
  const tail = renderPieces(plan.file.slice(plan.tailStart), plan, job, ix);
  const body = plan.suffixAxes.map((a) => suffixValue(a, job, ix)).join('-');
  const end = `${tail}${body ? `__${body}` : ''}`;
  const head = truncateUtf8(
    renderPieces(plan.file.slice(0, plan.tailStart), plan, job, ix),
    MAX_SEGMENT_BYTES - utf8Bytes(end) - 5,
  );
  const stem = head + end;
  return `${needsPrefix(`${stem}.png`) ? '_' : ''}${stem}.png`;
}

function fitPath(directories: string[], file: string): string {
  const dirs = [...directories];
  const total = () => dirs.reduce((n, d) => n + utf8Bytes(d) + 1, utf8Bytes(file));
  while (total() > MAX_RELATIVE_PATH_BYTES) {
    let longest = -1;
    dirs.forEach((d, i) => {
      if (utf8Bytes(d) > MIN_DIRECTORY_BYTES && (longest < 0 || utf8Bytes(d) > utf8Bytes(dirs[longest]!)))
        longest = i;
    });
    if (longest < 0) {
      // Every folder is already short: drop the innermost one. Uniqueness lives in the file name.
      dirs.pop();
      continue;
    }
    const excess = total() - MAX_RELATIVE_PATH_BYTES;
    const target = Math.max(MIN_DIRECTORY_BYTES, utf8Bytes(dirs[longest]!) - excess);
    dirs[longest] = safeDirectorySegment(truncateUtf8(dirs[longest]!, target), target + 1) || '_';
  }
  return [...dirs, file].join('/');
}

/**
 * The relative output path of `ctx.job` ('/'-separated, ends in `.png`).
 * @param template must be the template the plan was made from (a guard against mixing batches).
 */
export function renderOutputPath(template: string, ctx: NamingContext): string {
  if (template !== ctx.plan.template.source) {
    throw new Error('renderOutputPath: template differs from the one the naming plan was made for');
  }
  const ix = indices(ctx.plan, ctx.job);
  return fitPath(renderDirectories(ctx.plan, ctx.job, ix), renderFileName(ctx.plan, ctx.job, ix));
}

/** Convenience: plan once, then name each job of the batch. */
export function createOutputNamer(
  spec: SweepSpec,
  inputs: readonly ResolvedInput[],
  options: NamingPlanOptions = {},
): (job: JobSpec) => string {
  const plan = planNaming(spec, inputs, options);
  return (job) => renderOutputPath(plan.template.source, { plan, job });
}
