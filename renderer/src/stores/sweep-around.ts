/**
 * "Sweep around this…" from any result (detail drawer, compare, a grid card): the batch store knows the
 * job's batch and input, the composer store takes them, the nav store shows the composer.
 */
import type { InputView, JobView } from '@shared/contract';
import { useBatchStore } from './batch-store';
import { useComposer } from './composer-store';
import { useNav } from './nav-store';

/** Opens the composer around `job` (of the batch on screen); false when its batch or input is not loaded. */
export function sweepAroundJob(job: JobView, input?: InputView): boolean {
  const { batch, inputs } = useBatchStore.getState();
  const source = input ?? inputs.find((i) => i.id === job.inputId);
  if (!batch || batch.id !== job.batchId || !source) return false;
  useComposer.getState().sweepAround(job, source, batch);
  useNav.getState().go('composer');
  return true;
}
