/**
 * Every batch for History, kept live: snapshot with `batch:list`, then merge the batches carried by
 * `jobs:changed` (so counts and thumbnails move while a batch runs), re-snapshotting after a delete.
 */

import type { BatchView } from '@shared/contract';
import { useCallback, useEffect, useState } from 'react';
import { studio } from '../../api/studio-api';
import { errorText } from '../../components/error-text';

export type BatchesState =
  | { status: 'loading' }
  | { status: 'ready'; batches: BatchView[] }
  | { status: 'error'; message: string };

/** Most batches listed. Default 500. */
const LIST_LIMIT = 500;

export function useBatches(): { state: BatchesState; reload: () => void } {
  const [state, setState] = useState<BatchesState>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` is the reload trigger.
  useEffect(() => {
    let live = true;
    const off = studio.on('jobs:changed', ({ batches }) => {
      if (!live || batches.length === 0) return;
      setState((s) => {
        if (s.status !== 'ready') return s;
        const byId = new Map(batches.map((b) => [b.id, b]));
        const known = new Set(s.batches.map((b) => b.id));
        const fresh = batches.filter((b) => !known.has(b.id));
        return { status: 'ready', batches: [...fresh, ...s.batches.map((b) => byId.get(b.id) ?? b)] };
      });
    });
    studio['batch:list']({ limit: LIST_LIMIT })
      .then((batches) => live && setState({ status: 'ready', batches }))
      .catch((error) => live && setState({ status: 'error', message: errorText(error) }));
    return () => {
      live = false;
      off();
    };
  }, [generation]);

  return { state, reload };
}
