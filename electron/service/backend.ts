/**
 * Chooses where API calls go: Segmind when a key is given (see api-key.ts for which), otherwise the
 * built-in simulator started in-process on loopback. Everything downstream only sees a base URL and a
 * key, so the two backends are interchangeable.
 */
import type { BackendHealth, BackendKind } from '@shared/contract';
import { resolveBaseUrls } from '../segmind/client';
import { DEFAULT_OPTIONS, REAL_MEDIAN_LATENCY_MS } from '../simulator/options';
import { type SimulatorHandle, type SimulatorOptionsPatch, startSimulator } from '../simulator/server';

export interface Backend {
  kind: BackendKind;
  /** The v1 base a Segmind client is pointed at. */
  baseUrl: string;
  apiKey: string;
  simulator: SimulatorHandle | null;
  /** The built-in simulator's median latency (its scale applied); null for Segmind (its headline applies). */
  medianLatencyMs: number | null;
  health(): Promise<BackendHealth>;
  close(): Promise<void>;
}

export interface BackendChoice {
  /** A real Segmind key; when absent the simulator is used. */
  apiKey?: string | null;
  /** Overrides the Segmind base URL (staging host, proxy). Default: the client's (env SEGMIND_BASE_URL, else Segmind's). */
  baseUrl?: string | null;
  /** Options for the in-process simulator. */
  simulator?: SimulatorOptionsPatch;
}

/** Starts the chosen backend. */
export async function startBackend(choice: BackendChoice = {}): Promise<Backend> {
  const apiKey = choice.apiKey?.trim();
  if (apiKey) {
    const baseUrl = resolveBaseUrls(choice.baseUrl ?? undefined).v1;
    return {
      kind: 'segmind',
      baseUrl,
      apiKey,
      simulator: null,
      medianLatencyMs: null,
      // Segmind has no free health endpoint; probing would spend credits, so report the configuration.
      health: async () => ({
        backend: 'segmind',
        reachable: true,
        latencyMs: null,
        detail: `Segmind at ${baseUrl} (not probed: every call costs credits)`,
      }),
      close: async () => {},
    };
  }
  const simulator = await startSimulator(choice.simulator ?? {});
  return {
    kind: 'simulator',
    baseUrl: simulator.baseUrl,
    apiKey: simulator.apiKey,
    simulator,
    medianLatencyMs:
      REAL_MEDIAN_LATENCY_MS * (choice.simulator?.latencyScale ?? DEFAULT_OPTIONS.latencyScale),
    health: () => simulatorHealth(simulator),
    close: () => simulator.close(),
  };
}

async function simulatorHealth(simulator: SimulatorHandle): Promise<BackendHealth> {
  const started = performance.now();
  try {
    const res = await fetch(`${simulator.url}/_sim/health`);
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    return {
      backend: 'simulator',
      reachable: res.ok,
      latencyMs,
      detail: res.ok ? `offline simulator at ${simulator.baseUrl}` : `simulator answered HTTP ${res.status}`,
      simulatorRequests: simulator.stats().requests,
    };
  } catch (err) {
    return {
      backend: 'simulator',
      reachable: false,
      latencyMs: null,
      detail: `simulator unreachable: ${String(err)}`,
    };
  }
}
