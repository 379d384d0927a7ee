/**
 * One shared one-second clock for the cards that show a running job's elapsed time: a single interval
 * for the whole grid, and only cards that are running subscribe, so a 10,000-job grid does not
 * re-render every second.
 */
import { useSyncExternalStore } from 'react';

const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

const read = () => now;
const never = () => () => {};

/** The current time, ticking every second while `live` (otherwise the last tick, unchanging). */
export function useNow(live: boolean): number {
  if (live && !timer) now = Date.now();
  return useSyncExternalStore(live ? subscribe : never, read);
}
