/**
 * What a sweep needs from disk besides the images, gathered before a batch is made: the options of
 * the wildcards its prompts use (read into the spec, which is stored so), and each input's caption
 * when a prompt uses `{caption}`. Both answer with issues instead of throwing, so batch creation, the
 * CLI's dry run and the composer's preview refuse a sweep with the same words.
 */
import type { FieldIssue } from '@shared/catalogue';
import { captionIssues, compileSweep, type InputCaption, type SweepSpec, usesCaptions } from '@shared/sweep';
import { type FoundCaption, readCaptions } from '../inputs/captions';
import { wildcardFolders, withWildcards } from '../inputs/wildcard-files';

/** The user's spec with the wildcards it uses read in; `issues` when a wildcard file is missing or bad. */
export async function specWithWildcards(
  spec: unknown,
  wildcardsDir: string | null,
): Promise<{ spec: unknown; issues: FieldIssue[] }> {
  if (!spec || typeof spec !== 'object' || Array.isArray(spec)) return { spec, issues: [] };
  const raw = spec as Record<string, unknown>;
  const inputs = raw.inputs as { paths?: unknown } | undefined;
  const paths = Array.isArray(inputs?.paths)
    ? inputs.paths.filter((p): p is string => typeof p === 'string')
    : [];
  return withWildcards(raw, await wildcardFolders(paths, wildcardsDir));
}

export interface InputCaptions {
  /** One per file given (null: none, or the sweep does not use captions and none were read). */
  captions: (FoundCaption | null)[];
  /** Inputs without the caption `{caption}` needs, prompts a caption makes too long, unreadable caption files. */
  issues: FieldIssue[];
}

/** As shared/sweep's expansion wants it. */
export function toInputCaption(found: FoundCaption | null): InputCaption | null {
  return found && { prompt: found.prompt, negative: found.negative };
}

/** The journal's input columns for a caption (all null when there is none). */
export function captionColumns(found: FoundCaption | null | undefined) {
  return {
    caption: found?.prompt ?? null,
    negativeCaption: found?.negative || null,
    captionSource: found?.source ?? null,
  };
}

/**
 * Reads captions for `files` when `spec` uses `{caption}` (otherwise reads nothing) and checks them.
 * A malformed `prompts.csv` or an unreadable sidecar is an issue only then, too.
 */
export async function captionsFor(
  spec: SweepSpec,
  files: readonly { path: string; relPath: string; root: string }[],
): Promise<InputCaptions> {
  const sweep = compileSweep(spec);
  if (!usesCaptions(sweep)) return { captions: files.map(() => null), issues: [] };
  const found = await readCaptions(files);
  const issues = captionIssues(
    sweep,
    files.map((f, i) => ({ relPath: f.relPath, caption: toInputCaption(found.captions[i]!) })),
  );
  for (const p of found.problems) issues.push({ field: 'inputs', message: p.message });
  return { captions: found.captions, issues };
}
