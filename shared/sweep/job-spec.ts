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
  seed: number;
  style: StyleType;
  resolution: Resolution;
  imageWeight: number;
  magicPrompt: MagicPromptOption;
  /** null means no palette. */
  palette: ColorPalette | null;
  key: string;
}

/** The parameters that define a job's output, i.e. everything the key hashes besides the input. */
export type JobParams = Omit<JobSpec, 'ordinal' | 'inputIndex' | 'promptIndex' | 'key'>;
