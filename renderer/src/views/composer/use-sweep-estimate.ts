/**
 * The composer's money and time line: main's `sweep:estimate` for the spec on screen (jobs to pay with
 * dedupe reuse excluded, dollars, time at the latency history), debounced behind the typing like the
 * preview, and used only while it still describes the form. `refresh()` asks again at once (before a
 * confirmation whose dollars must be current).
 */
import type { SweepEstimateView } from '@shared/contract';
import { useCallback, useEffect, useState } from 'react';
import { useComposer } from '../../stores/composer-store';

/** Debounce before asking main: hashing inputs costs more than a preview. Default 500 ms. */
const ESTIMATE_DEBOUNCE_MS = 500;

export type OkEstimate = Extract<SweepEstimateView, { ok: true }>;

export interface SweepEstimateState {
  /** The estimate for exactly this spec and concurrency, when main has answered. */
  estimate: OkEstimate | null;
  refresh(): Promise<OkEstimate | null>;
}

export function useSweepEstimate(
  spec: Record<string, unknown>,
  concurrency: number,
  enabled: boolean,
): SweepEstimateState {
  const key = JSON.stringify([spec, concurrency]);
  const [answer, setAnswer] = useState<{ key: string; value: OkEstimate } | null>(null);
  const ask = useCallback(
    async (askedKey: string): Promise<OkEstimate | null> => {
      const value = await useComposer
        .getState()
        .estimateSweep({ spec, concurrency })
        .catch(() => null);
      const ok = value?.ok ? value : null;
      setAnswer((prev) => (ok ? { key: askedKey, value: ok } : prev?.key === askedKey ? null : prev));
      return ok;
    },
    [spec, concurrency],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` captures spec and concurrency.
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    const timer = setTimeout(() => {
      if (live) void ask(key);
    }, ESTIMATE_DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key, enabled]);
  return {
    estimate: answer?.key === key ? answer.value : null,
    refresh: () => ask(key),
  };
}
