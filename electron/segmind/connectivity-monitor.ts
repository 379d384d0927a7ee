/**
 * The client's view of the way to Segmind: online or offline (shared/scheduling/connectivity decides),
 * a gate every API request passes while online and waits at while offline, and the probe that finds
 * the way back. The probe is a GET of the API origin without the key: any HTTP answer (typically 404)
 * proves the network and the server are back, it costs no credits, and, carrying no key, it cannot
 * count against the account's requests per minute (a status poll of a known request id would, and
 * there may be no such id while every submit failed).
 */
import {
  type Connectivity,
  type ConnectivityOptions,
  createConnectivity,
  DEFAULT_CONNECTIVITY_OPTIONS,
  onAnswer,
  onNetworkFailure,
  onProbeFailed,
} from '@shared/scheduling/connectivity';
import type { Log } from '../log/logger';
import { abortedError, isSegmindError } from './errors';
import type { HttpTransport } from './http';

export interface ConnectivityMonitor {
  state(): Connectivity;
  /** Resolves at once while online; while offline, when the way is back. Rejects on abort. */
  whenOnline(signal?: AbortSignal): Promise<void>;
  /** A request got an HTTP answer. */
  answered(): void;
  /** A request failed at the network level (`cause` in words). */
  failed(cause: string): void;
  /** Called on every change of state (online <-> offline) and after each failed probe (the next one moved). */
  onChange(listener: (state: Connectivity) => void): () => void;
  /**
   * Rejects every request waiting at the gate with `error` and keeps rejecting new ones until the way
   * is back (the user's limit on an outage has passed); null lifts it.
   */
  giveUp(error: Error | null): void;
  stop(): void;
}

export interface ConnectivityMonitorDeps {
  transport: HttpTransport;
  /** What the probe GETs: the API origin. */
  probeUrl: string;
  options?: Partial<ConnectivityOptions>;
  /** Deadline of one probe. Default 10 000 ms. */
  probeTimeoutMs?: number;
  random: () => number;
  log: Log;
}

interface Waiter {
  resolve(): void;
  reject(error: Error): void;
}

export function createConnectivityMonitor(deps: ConnectivityMonitorDeps): ConnectivityMonitor {
  const options: ConnectivityOptions = { ...DEFAULT_CONNECTIVITY_OPTIONS, ...deps.options };
  let state = createConnectivity();
  let probeTimer: NodeJS.Timeout | null = null;
  let stopped = false;
  let givenUp: Error | null = null;
  const waiters = new Set<Waiter>();
  const listeners = new Set<(state: Connectivity) => void>();

  const set = (next: Connectivity, announce = false) => {
    const changed = next.state !== state.state;
    state = next;
    if (!changed) {
      if (announce) for (const listener of listeners) listener(next);
      return;
    }
    if (next.state === 'online') {
      givenUp = null;
      for (const w of waiters) w.resolve();
      waiters.clear();
    } else {
      deps.log.warn({ cause: next.cause }, 'offline: submitting stops, probing for the way back');
      scheduleProbe();
    }
    for (const listener of listeners) listener(next);
  };

  function scheduleProbe(): void {
    if (stopped || state.state !== 'offline' || probeTimer) return;
    // Not unref'd: while offline the probe is the one thing the work waits on, and a headless run with
    // nothing else pending must not simply exit. close() clears it.
    probeTimer = setTimeout(() => void probe(), Math.max(0, state.nextProbeMs - Date.now()));
  }

  async function probe(): Promise<void> {
    probeTimer = null;
    if (stopped || state.state !== 'offline') return;
    try {
      await deps.transport.send({
        method: 'GET',
        url: deps.probeUrl,
        timeoutMs: deps.probeTimeoutMs ?? 10_000,
        maxBodyBytes: 65_536,
        withApiKey: false,
      });
      deps.log.info(
        { offlineMs: Date.now() - (state.state === 'offline' ? state.sinceMs : Date.now()) },
        'back online',
      );
      set(onAnswer(Date.now()));
    } catch (error) {
      if (stopped) return;
      if (!isSegmindError(error, 'network'))
        deps.log.warn({ err: error }, 'the connectivity probe failed oddly');
      set(onProbeFailed(state, { nowMs: Date.now(), random01: deps.random() }, options), true);
      scheduleProbe();
    }
  }

  return {
    state: () => state,
    whenOnline(signal) {
      if (signal?.aborted) return Promise.reject(abortedError());
      if (state.state === 'online') return Promise.resolve();
      if (givenUp) return Promise.reject(givenUp);
      return new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          waiters.delete(waiter);
          reject(abortedError());
        };
        const waiter: Waiter = {
          resolve: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
          reject: (error) => {
            signal?.removeEventListener('abort', onAbort);
            reject(error);
          },
        };
        waiters.add(waiter);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
    answered: () => set(onAnswer(Date.now())),
    failed: (cause) =>
      set(onNetworkFailure(state, { nowMs: Date.now(), cause, random01: deps.random() }, options)),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    giveUp(error) {
      givenUp = error;
      if (!error) return;
      for (const w of waiters) w.reject(error);
      waiters.clear();
    },
    stop() {
      stopped = true;
      if (probeTimer) clearTimeout(probeTimer);
      probeTimer = null;
    },
  };
}
