/**
 * What the top bar and the grid say about the way to Segmind, from the engine status: "Healthy" only
 * when a real request got an answer within the last minute, "Offline — retrying in 20 s" while the
 * engine waits for the way back, "Rate limited — resuming in 3 s" while a 429's reset time lasts, and
 * "Ready" when nothing has been asked yet. Pure, so it is tested without a browser.
 */
import type { BackendHealth, EngineStatus } from '@shared/contract';
import { describeRetry } from '@shared/scheduling/connectivity';

export interface ConnectionModel {
  tone: 'ok' | 'bad' | 'warn' | 'idle';
  label: string;
  /** The longer account, for a tooltip or a banner's second line. */
  detail: string;
  /** The countdown in `label` moves: re-render every second. */
  ticking: boolean;
}

/** How recent the last answer must be for "Healthy". */
export const HEALTHY_WITHIN_MS = 60_000;

const clock = (ms: number) => new Date(ms).toLocaleTimeString();
const ago = (ms: number) =>
  ms < 60_000 ? `${Math.max(1, Math.round(ms / 1000))} s` : `${Math.round(ms / 60_000)} min`;

export function connectionModel(
  engine: EngineStatus | null,
  health: BackendHealth | null,
  nowMs: number,
): ConnectionModel | null {
  if (!engine) return null;
  const c = engine.connectivity;
  if (c.state === 'offline') {
    if (c.givenUp) {
      return {
        tone: 'bad',
        label: 'Offline — waiting jobs fail',
        detail: `Segmind unreachable since ${clock(c.sinceMs)}, longer than your limit (Settings): jobs fail instead of waiting. Still probing; ${c.cause}`,
        ticking: false,
      };
    }
    return {
      tone: 'bad',
      label: describeRetry(c.nextProbeMs, nowMs),
      detail: `Segmind unreachable since ${clock(c.sinceMs)} (${c.cause}). Nothing is submitted and no job fails for it; the run resumes by itself.`,
      ticking: true,
    };
  }
  const blocked = engine.budget.blockedUntilMs;
  if (blocked !== null && blocked > nowMs) {
    const seconds = Math.ceil((blocked - nowMs) / 1000);
    return {
      tone: 'warn',
      label: `Rate limited — resuming in ${seconds} s`,
      detail: `Segmind said "too many requests": nothing is sent before ${clock(blocked)}, when its window resets.`,
      ticking: true,
    };
  }
  const latency = health?.latencyMs != null ? ` (${health.latencyMs} ms)` : '';
  if (c.lastOkMs !== null && nowMs - c.lastOkMs < HEALTHY_WITHIN_MS) {
    return {
      tone: 'ok',
      label: 'Healthy',
      detail: `Last answer ${ago(nowMs - c.lastOkMs)} ago${latency}`,
      ticking: false,
    };
  }
  return {
    tone: 'idle',
    label: 'Ready',
    detail:
      c.lastOkMs === null
        ? `No request sent yet${health ? ` · ${health.detail}${latency}` : ''}`
        : `Last answer ${ago(nowMs - c.lastOkMs)} ago`,
    ticking: false,
  };
}
