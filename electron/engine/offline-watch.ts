/**
 * The engine's side of "offline is a state": follows the client's connectivity, tells the scheduler
 * whether it may submit ('online'), must wait ('waiting': nothing new goes out, network failures park
 * jobs, nothing fails), or has waited longer than the user allows ('given-up': jobs run into that
 * reason and fail, so a headless run ends), and wakes the scheduler on every change so parked jobs
 * poll again and pending ones go out without anyone clicking.
 */
import { type Connectivity, outageOverLimit } from '@shared/scheduling/connectivity';
import type { Log } from '../log/logger';
import type { SegmindClient } from '../segmind/client';
import { SegmindError } from '../segmind/errors';

export type OfflineGate = 'online' | 'waiting' | 'given-up';

export interface OfflineWatch {
  gate(): OfflineGate;
  setFailAfterMin(minutes: number | null): void;
  /** Connectivity changes (and the moment the limit passes). Returns the unsubscribe function. */
  onChange(listener: (state: Connectivity) => void): () => void;
  stop(): void;
}

export function createOfflineWatch(deps: {
  client: SegmindClient;
  /** Minutes of outage before waiting jobs fail; null = never. */
  failAfterMin: number | null;
  log: Log;
  /** Called after every change, to let the scheduler look again. */
  wake(): void;
}): OfflineWatch {
  const { client } = deps;
  let failAfterMs = toMs(deps.failAfterMin);
  let givenUp = false;
  let timer: NodeJS.Timeout | null = null;
  const listeners = new Set<(state: Connectivity) => void>();

  const notify = () => {
    const state = client.connectivity();
    for (const listener of listeners) listener(state);
    deps.wake();
  };

  /** Arms (or re-arms) the timer for the user's limit while offline; gives up once it has passed. */
  const arm = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const state = client.connectivity();
    if (state.state !== 'offline' || failAfterMs === null || givenUp) return;
    if (outageOverLimit(state, Date.now(), failAfterMs)) return giveUp(state);
    timer = setTimeout(arm, state.sinceMs + failAfterMs - Date.now());
    timer.unref();
  };

  const giveUp = (state: Extract<Connectivity, { state: 'offline' }>) => {
    givenUp = true;
    const minutes = Math.round((Date.now() - state.sinceMs) / 60_000);
    const message =
      `Segmind has been unreachable for ${minutes} min, longer than your limit of ${(failAfterMs ?? 0) / 60_000} min` +
      ` (${state.cause})`;
    deps.log.warn({ cause: state.cause }, 'offline longer than the limit: waiting jobs fail');
    client.giveUpWhileOffline(new SegmindError('network', message, { retryable: false }));
    notify();
  };

  const off = client.onConnectivityChange((state) => {
    if (state.state === 'online') {
      givenUp = false;
      client.giveUpWhileOffline(null);
    }
    arm();
    notify();
  });

  return {
    gate: () => (client.connectivity().state === 'online' ? 'online' : givenUp ? 'given-up' : 'waiting'),
    setFailAfterMin(minutes) {
      failAfterMs = toMs(minutes);
      const state = client.connectivity();
      if (givenUp && !outageOverLimit(state, Date.now(), failAfterMs)) {
        // A longer limit (or none) lets the jobs wait again.
        givenUp = false;
        client.giveUpWhileOffline(null);
      }
      arm();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop() {
      off();
      if (timer) clearTimeout(timer);
    },
  };
}

function toMs(minutes: number | null): number | null {
  return minutes === null || !(minutes >= 0) ? null : minutes * 60_000;
}
