/**
 * Chooses where API calls go: Segmind when a key is given (see api-key.ts for which), otherwise the
 * built-in simulator started in-process on loopback. Everything downstream only sees a base URL and a
 * key, so the two backends are interchangeable.
 *
 * The in-process simulator keeps its jobs in the data folder (`<data>/simulator/jobs.sqlite`), so they
 * outlive the studio as Segmind's do. It listens on a new free port each start; the studio's journal
 * holds the absolute status/result URLs the old one handed out, so `rebaseUrl` moves a URL naming an
 * origin this simulator served at before onto its current origin. We chose that over pinning a port:
 * a saved port can be taken by then, and the rewrite is exact (only origins the simulator's own store
 * recorded), so the URLs of the real API, a proxy or a stand-alone simulator are never touched.
 */
import { join } from 'node:path';
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
  /** A stored status/result URL as it must be read now (see the file comment); Segmind's unchanged. */
  rebaseUrl(url: string): string;
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
  /**
   * The studio's data folder: the in-process simulator keeps its jobs under `<dataDir>/simulator` unless
   * `simulator.stateDir` says otherwise (null: memory only). Default: none (memory only).
   */
  dataDir?: string;
}

/** Where the in-process simulator of a data folder keeps its jobs. */
export function simulatorStateDir(dataDir: string): string {
  return join(dataDir, 'simulator');
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
      rebaseUrl: (url) => url,
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
  const stateDir = choice.dataDir === undefined ? null : simulatorStateDir(choice.dataDir);
  const simulator = await startSimulator({ stateDir, ...choice.simulator });
  const earlier = new Set(simulator.servedOrigins().filter((origin) => origin !== simulator.url));
  return {
    kind: 'simulator',
    baseUrl: simulator.baseUrl,
    apiKey: simulator.apiKey,
    simulator,
    medianLatencyMs:
      REAL_MEDIAN_LATENCY_MS * (choice.simulator?.latencyScale ?? DEFAULT_OPTIONS.latencyScale),
    rebaseUrl: (url) => rebaseSimulatorUrl(url, earlier, simulator.url),
    health: () => simulatorHealth(simulator),
    close: () => simulator.close(),
  };
}

/** `url` moved from one of `earlier` origins onto `current`; any other URL (or a malformed one) as it was. */
export function rebaseSimulatorUrl(url: string, earlier: ReadonlySet<string>, current: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (!earlier.has(parsed.origin)) return url;
  return `${current}${parsed.pathname}${parsed.search}`;
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
