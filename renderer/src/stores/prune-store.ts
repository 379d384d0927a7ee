/**
 * Prune from the grid and the matrix: "skip the rest of style ANIME / of this prompt / of this input"
 * (batch:prune), and the undo of the last one (batch:unprune with the same target). The bar that
 * states what was pruned and offers the undo reads `last`.
 */
import type { JobView } from '@shared/contract';
import type { PruneAxis, PruneTarget } from '@shared/sweep';
import { create } from 'zustand';
import { studio } from '../api/studio-api';
import { errorText } from '../components/error-text';

export interface PruneDone {
  batchId: string;
  target: PruneTarget;
  /** What the bar names, e.g. `style ANIME`. */
  label: string;
  count: number;
  undone: boolean;
}

interface PruneState {
  last: PruneDone | null;
  error: string | null;
  prune(batchId: string, target: PruneTarget, label: string): Promise<void>;
  undo(): Promise<void>;
  dismiss(): void;
}

/** The prune target and label for a job's value on `axis` (the input named by `inputName` if known). */
export function pruneOf(
  job: JobView,
  axis: PruneAxis,
  inputName?: string,
): { target: PruneTarget; label: string } {
  switch (axis) {
    case 'style':
      return { target: { axis, value: job.style }, label: `style ${job.style.replaceAll('_', ' ')}` };
    case 'prompt':
      return { target: { axis, value: String(job.promptIndex) }, label: `prompt “${job.prompt}”` };
    case 'input':
      return { target: { axis, value: String(job.inputId) }, label: `input ${inputName ?? job.inputId}` };
    case 'seed':
      return { target: { axis, value: String(job.seed) }, label: `seed ${job.seed}` };
    case 'negative':
      return { target: { axis, value: job.negativePrompt }, label: `negative “${job.negativePrompt}”` };
    case 'imageWeight':
      return { target: { axis, value: String(job.imageWeight) }, label: `image weight ${job.imageWeight}` };
    case 'magicPrompt':
      return { target: { axis, value: job.magicPrompt }, label: `magic prompt ${job.magicPrompt}` };
  }
}

export const usePrune = create<PruneState>((set, get) => ({
  last: null,
  error: null,
  async prune(batchId, target, label) {
    try {
      const { count } = await studio['batch:prune']({ batchId, ...target, label });
      set({ last: { batchId, target, label, count, undone: false }, error: null });
    } catch (error) {
      set({ error: `Could not skip the rest of ${label}: ${errorText(error)}` });
    }
  },
  async undo() {
    const last = get().last;
    if (!last || last.undone) return;
    try {
      const { count } = await studio['batch:unprune']({ batchId: last.batchId, ...last.target });
      set({ last: { ...last, count, undone: true }, error: null });
    } catch (error) {
      set({ error: `Could not undo the skip: ${errorText(error)}` });
    }
  },
  dismiss: () => set({ last: null, error: null }),
}));
