/**
 * The shapes a sweep expands into: one `ResolvedInput` per input image (found and hashed outside
 * `shared/`, by the image pipeline) and one `JobSpec` per API call the sweep asks for.
 */
import type { ColorPalette, MagicPromptOption, Resolution, StyleType } from '../catalogue';

/** An input image as the sweep sees it; `index` is its position in the list handed to `expand`. */
export interface ResolvedInput {
  index: number;
  /** File name without extension, e.g. `cat` for `pets/cat.jpg`. */
  name: string;
  /** Path relative to the chosen root, '/'-separated, e.g. `pets/cat.jpg`. */
  relPath: string;
  /** Hash of the file's bytes (any stable hex digest); part of the job key. */
  contentHash: string;
  /**
   * Size of the image as it is uploaded (the prepared input), for the `match` resolution. Absent for an
   * input that could not be prepared (its jobs fail anyway; `match` then falls back to the default size).
   */
  width?: number;
  height?: number;
  /** The input's caption (sidecar `.txt` or `prompts.csv`), for `{caption}`; absent or null when none. */
  caption?: InputCaption | null;
}

/** An input's own words: the prompt caption and, from a `prompts.csv` third column, a negative one. */
export interface InputCaption {
  prompt: string;
  /** `{caption}` in a negative prompt; '' when the CSV row has no negative. */
  negative: string;
}

/** One API call of a sweep; `key` identifies it across runs (see `jobKey`). */
export interface JobSpec {
  /** Position in the expansion, 0..count-1. */
  ordinal: number;
  inputIndex: number;
  /** The expanded prompt variant (whitespace tidied). */
  prompt: string;
  /** Index of the variant across all prompts of the sweep (0-based; prompt 0's variants first). */
  promptIndex: number;
  /** '' means no negative prompt. */
  negativePrompt: string;
  /**
   * Index of the negative variant across all negative templates (0-based), like `promptIndex`; -1 for
   * a job journaled before negative prompts had permutations (its text is then its identity).
   */
  negativeIndex: number;
  seed: number;
  style: StyleType;
  /** The real size sent to the API (for a `match` job, the size chosen for its input). */
  resolution: Resolution;
  /** True when the sweep asked for `match` and `resolution` was chosen from the input's shape. */
  resolutionMatched: boolean;
  imageWeight: number;
  magicPrompt: MagicPromptOption;
  /** null means no palette. */
  palette: ColorPalette | null;
  key: string;
}

/**
 * The parameters that define a job's output, i.e. everything the key hashes besides the input (the
 * positions on the axes and how the size was chosen are bookkeeping, not what is paid for).
 */
export type JobParams = Omit<
  JobSpec,
  'ordinal' | 'inputIndex' | 'promptIndex' | 'negativeIndex' | 'resolutionMatched' | 'key'
>;
