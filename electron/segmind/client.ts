/**
 * The Segmind client: v2 submit -> poll -> result for the engine, v1 sync for one-offs. It knows requests,
 * not jobs: the engine stores the receipt the moment submit returns and calls `waitForResult` with it,
 * now or after a restart. Errors are SegmindErrors with a kind; retries follow the shared retry policy.
 * Every API request passes the offline gate (connectivity-monitor.ts) and takes a token of the account's
 * request budget (request-governor.ts) before it goes out.
 */

import { describeIssues, type IdeogramParams, MODEL_SLUG, validateIdeogramParams } from '@shared/catalogue';
import {
  budgetedCadence,
  createLatencyModel,
  DEFAULT_POLL_CADENCE,
  latencyMedianMs,
  type PollCadenceOptions,
  seedLatencyModel,
} from '@shared/policy/poll-cadence';
import { type RetryPolicy, resolveRetryPolicy } from '@shared/policy/retry-policy';
import { DEFAULT_USER_LIMIT } from '@shared/scheduling';
import type { Connectivity, ConnectivityOptions } from '@shared/scheduling/connectivity';
import type { BudgetMode, BudgetOptions, RequestKind } from '@shared/scheduling/request-budget';
import { STUDIO_VERSION } from '@shared/version';
import { type Log, silentLog } from '../log/logger';
import { errorFromAnswer, type JobStatus, readSubmit, type SubmitReceipt } from './answers';
import { createClockWatch } from './clock-watch';
import { createConnectivityMonitor } from './connectivity-monitor';
import { isSegmindError, SegmindError } from './errors';
import {
  createHttpTransport,
  type HttpAnswer,
  type HttpRequest,
  parseJson,
  rateLimitResetAtMs,
  rateLimitWaitMs,
  retryAfterMs,
} from './http';
import { createRequestGovernor } from './request-governor';
import { type GeneratedImage, type VerifyMode, verifyImage } from './result-image';
import { withRetries } from './retrying-call';
import { type ClientCore, type ClientTimeouts, resolveImage, waitForResult } from './wait-for-result';

export type { JobStatus, SubmitReceipt } from './answers';
export type { GeneratedImage, VerifyMode } from './result-image';

/** Segmind's public v1 base. */
export const DEFAULT_SEGMIND_BASE_URL = 'https://api.segmind.com/v1';

export interface SegmindClientOptions {
  apiKey: string;
  /**
   * The v1 base, e.g. `http://127.0.0.1:PORT/v1` for the simulator. Default: env SEGMIND_BASE_URL, else
   * https://api.segmind.com/v1. A base without a trailing /v1 gets one; the v2 base is this with /v1 -> /v2.
   */
  baseUrl?: string;
  /** Jobs in flight at once; sizes the keep-alive pool. Default 4. */
  concurrency?: number;
  /** Default `sweep-studio/<package version>`. */
  userAgent?: string;
  retry?: Partial<RetryPolicy>;
  poll?: Partial<PollCadenceOptions>;
  /**
   * The latency expected before any is learnt (Segmind's ~12.7 s, or the simulator's scaled median):
   * seeds the poll cadence and fixes its ceiling. Default: none (the cadence probes, and its ceiling is
   * tied to `poll.referenceMedianMs` until it has learnt its own).
   */
  expectedLatencyMs?: number;
  /**
   * The account's request budget: requests per minute, null = discover it from 429s, undefined =
   * unlimited (a 429's reset time is still honoured). Default undefined.
   */
  requestsPerMinute?: number | null;
  budget?: Partial<BudgetOptions>;
  /** When a run of network failures means offline, and how the way back is probed. */
  connectivity?: Partial<ConnectivityOptions>;
  /** Deadline of one connectivity probe. Default 10 000 ms. */
  probeTimeoutMs?: number;
  timeouts?: Partial<ClientTimeouts>;
  /** Jitter source in [0, 1); default Math.random. */
  random?: () => number;
  /**
   * Called on every 429 answer to a submit or sync call, including the ones the client then retries
   * itself, so a scheduler can lower its concurrency (AIMD) although the job may still succeed.
   * `sentAtMs` is when the refused request was sent (epoch ms). Default: none.
   */
  onRateLimited?(info: RateLimitInfo): void;
  /**
   * Parent log; the client writes what it must not throw (a failing `onRateLimited` listener) through a
   * child tagged `segmind`; it never prints anything itself. Default silentLog.
   */
  log?: Log;
}

/** What {@link SegmindClientOptions.onRateLimited} is told about one 429 answer. */
export interface RateLimitInfo {
  retryAfterMs?: number;
  sentAtMs: number;
}

/** The request budget as the client sees it now. */
export interface RequestBudgetView {
  mode: BudgetMode;
  /** The user's setting in fixed mode, else null. */
  setting: number | null;
  /** The rate now used (lowered after a 429, learnt in discover mode); null when unlimited. */
  perMinute: number | null;
  /** No request before this (a 429's reset time), epoch ms; null when open. */
  blockedUntilMs: number | null;
  /** How fully the budget was used over its recent window, 0..1. */
  pressure: number;
  /** Mean API requests per finished job (submit, polls, result). */
  requestsPerJob: number;
  /** Mean time a job holds its slot, submit to COMPLETED seen (ms); null before the first. */
  holdMs: number | null;
  waiting: Record<RequestKind, number>;
}

export interface SegmindClient {
  /** POST /v2/ideogram-img-2-img. Validates first (an invalid body costs no request). */
  submit(params: IdeogramParams, o?: { signal?: AbortSignal }): Promise<SubmitReceipt>;
  /** Polls the receipt's status_url, reads response_url, fetches and verifies the image. */
  waitForResult(
    receipt: SubmitReceipt,
    o?: {
      signal?: AbortSignal;
      onStatus?: (s: JobStatus) => void;
      /** 'header' when the caller decodes the image fully itself; default 'full'. */
      verify?: VerifyMode;
    },
  ): Promise<GeneratedImage>;
  /** POST /v1/ideogram-img-2-img, answered with the image itself. */
  generateSync(params: IdeogramParams, o?: { signal?: AbortSignal }): Promise<GeneratedImage>;
  /** What the adaptive poller has learnt so far. */
  latencyModel(): { observations: number; medianMs: number | null };
  /** Online or offline (and since when, the next probe); see shared/scheduling/connectivity. */
  connectivity(): Connectivity;
  /** Called on every change between online and offline. Returns the unsubscribe function. */
  onConnectivityChange(listener: (state: Connectivity) => void): () => void;
  /**
   * The outage outlasted the user's limit: requests waiting for the way back, and new ones until it is
   * back, fail with `error` (a 'network' SegmindError, not retryable). null lifts that.
   */
  giveUpWhileOffline(error: SegmindError | null): void;
  requestBudget(): RequestBudgetView;
  /** number = requests per minute, null = discover, undefined = unlimited. */
  setRequestsPerMinute(setting: number | null | undefined): void;
  /**
   * How many new submits the request budget lets go right now (Infinity without a budget), and when
   * the next may when none can: the scheduler starts no job that would only wait for the budget.
   */
  submitReadiness(): { ready: number; nextInMs: number };
  /** The v1 and v2 bases in use. */
  readonly baseUrls: { v1: string; v2: string };
  /** Resizes the keep-alive pool when the number of jobs in flight changes (the user's setting). */
  setConcurrency(n: number): void;
  close(): Promise<void>;
}

const DEFAULT_TIMEOUTS: ClientTimeouts = {
  submitMs: 120_000,
  syncMs: 600_000,
  statusMs: 30_000,
  resultMs: 60_000,
  mediaMs: 120_000,
};

/** `{ v1, v2 }` bases from a configured base URL (see {@link SegmindClientOptions.baseUrl}). */
export function resolveBaseUrls(baseUrl?: string): { v1: string; v2: string } {
  const raw = (baseUrl || process.env.SEGMIND_BASE_URL || DEFAULT_SEGMIND_BASE_URL)
    .trim()
    .replace(/\/+$/, '');
  const v1 = /\/v1$/.test(raw) ? raw : /\/v2$/.test(raw) ? raw.replace(/\/v2$/, '/v1') : `${raw}/v1`;
  new URL(v1); // throws TypeError on a malformed base, at creation rather than on the first job
  return { v1, v2: v1.replace(/\/v1$/, '/v2') };
}

function validated(params: IdeogramParams): IdeogramParams {
  const check = validateIdeogramParams(params);
  if (!check.ok) throw new SegmindError('invalid', `Invalid parameters: ${describeIssues(check.issues)}`);
  return check.value;
}

/** Creates a client; call `close()` when done to release pooled connections. */
export function createSegmindClient(opts: SegmindClientOptions): SegmindClient {
  const bases = resolveBaseUrls(opts.baseUrl);
  const log = (opts.log ?? silentLog).child({ module: 'segmind' });
  const concurrency = Math.max(1, opts.concurrency ?? DEFAULT_USER_LIMIT);
  const random = opts.random ?? Math.random;
  const transport = createHttpTransport({
    concurrency,
    apiKey: opts.apiKey,
    userAgent: opts.userAgent ?? `sweep-studio/${STUDIO_VERSION}`,
  });
  const apiOrigin = new URL(bases.v1).origin;
  const poll: PollCadenceOptions = { ...DEFAULT_POLL_CADENCE, ...opts.poll };
  const clock = createClockWatch();
  const connectivity = createConnectivityMonitor({
    transport,
    probeUrl: `${apiOrigin}/`,
    options: opts.connectivity,
    probeTimeoutMs: opts.probeTimeoutMs,
    random,
    log,
  });
  const governor = createRequestGovernor({
    requestsPerMinute: opts.requestsPerMinute,
    options: opts.budget,
    random,
  });
  let requestsPerJob = 3;
  let holdMs: number | null = null;

  /**
   * Every API request: waits while offline and for a budget token, then tells the connectivity monitor
   * whether an answer came and the governor whether it was a 429. A 429 to a submit also reaches
   * `onRateLimited` (the scheduler's concurrency limiter), before the retry logic sees it.
   */
  async function api(kind: RequestKind, req: HttpRequest): Promise<HttpAnswer> {
    await connectivity.whenOnline(req.signal);
    await governor.acquire(kind, req.signal);
    const sentAtMs = Date.now();
    const sentAtMono = clock.monoNow();
    let answer: HttpAnswer;
    try {
      answer = { ...(await transport.send(req)), sentAtMono };
    } catch (error) {
      if (isSegmindError(error, 'network') && error.status === undefined) connectivity.failed(error.message);
      else if (isSegmindError(error) && error.status !== undefined) connectivity.answered();
      throw error;
    }
    connectivity.answered();
    if (answer.status !== 429) {
      governor.accepted(sentAtMs);
      return answer;
    }
    governor.rateLimited({
      sentAtMs,
      resetAtMs: rateLimitResetAtMs(answer.headers),
      retryAfterMs: retryAfterMs(answer.headers),
    });
    if (kind === 'submit') {
      try {
        opts.onRateLimited?.({ retryAfterMs: rateLimitWaitMs(answer.headers), sentAtMs });
      } catch (error) {
        // A listener's bug must not turn a retryable 429 into a failed job; it is logged instead.
        log.error({ err: error }, 'the onRateLimited listener threw; the 429 is retried as usual');
      }
    }
    return answer;
  }

  const core: ClientCore = {
    transport,
    api,
    retry: resolveRetryPolicy(opts.retry),
    cadence: () => budgetedCadence(poll, governor.state().pressure),
    random,
    apiOrigin,
    timeouts: { ...DEFAULT_TIMEOUTS, ...opts.timeouts },
    model: opts.expectedLatencyMs ? seedLatencyModel(opts.expectedLatencyMs, poll) : createLatencyModel(),
    clock,
    jobDone: (n, held) => {
      requestsPerJob = 0.95 * requestsPerJob + 0.05 * n;
      governor.setRequestsPerJob(requestsPerJob);
      if (held !== null) holdMs = holdMs === null ? held : 0.9 * holdMs + 0.1 * held;
    },
  };

  const post = (url: string, params: IdeogramParams, signal: AbortSignal | undefined, timeoutMs: number) =>
    ({
      method: 'POST',
      url,
      json: params,
      signal,
      timeoutMs,
      maxBodyBytes: 64 * 1_048_576,
      withApiKey: true,
    }) satisfies HttpRequest;

  /**
   * Retried on 429, 5xx and connection errors. A connection dropped after the body was sent is retried
   * too: no request id is known, so the alternative is losing the job, but the server may have accepted
   * the first copy and a retry can then pay twice (visible as duplicateSubmits in the simulator's stats).
   * A 2xx answer that cannot be read is different: the server said yes, so it is ambiguous and never
   * sent again (see readSubmit and the transport).
   */
  async function submit(params: IdeogramParams, o: { signal?: AbortSignal } = {}): Promise<SubmitReceipt> {
    const body = validated(params);
    let attempts = 0;
    const receipt = await withRetries(
      async () => {
        attempts++;
        const answer = await api(
          'submit',
          post(`${bases.v2}/${MODEL_SLUG}`, body, o.signal, core.timeouts.submitMs),
        );
        return readSubmit(answer);
      },
      { policy: core.retry, signal: o.signal, random: core.random },
    );
    const timing = { monoMs: clock.monoNow(), epoch: clock.epoch() };
    return { ...receipt, submittedAt: Date.now(), attempts, timing };
  }

  async function generateSync(
    params: IdeogramParams,
    o: { signal?: AbortSignal } = {},
  ): Promise<GeneratedImage> {
    const body = validated(params);
    const counts = { api: 0, media: 0 };
    const ctx = { policy: core.retry, signal: o.signal, random: core.random };
    const answer = await withRetries(async () => {
      counts.api++;
      const a = await api('submit', post(`${bases.v1}/${MODEL_SLUG}`, body, o.signal, core.timeouts.syncMs));
      if (a.status < 200 || a.status >= 300) throw errorFromAnswer(a, false);
      return a;
    }, ctx);
    const header = answer.headers['x-request-id'];
    const requestId = (Array.isArray(header) ? header[0] : header) ?? '';
    const json = parseJson(answer) as
      | { output?: unknown; metrics?: { inference_time?: unknown } }
      | undefined;
    // The page says "Returns: Image"; a JSON answer with an output field is accepted too, like the v2 result.
    const image = json
      ? await resolveImage(core, json.output, requestId, o.signal, counts)
      : { bytes: answer.body, ...(await verifyImage(answer.body, false, requestId)) };
    const seconds =
      json && typeof json.metrics?.inference_time === 'number' ? json.metrics.inference_time : null;
    return {
      requestId,
      ...image,
      inferenceTimeSec: seconds,
      attempts: counts.api,
      mediaRequests: counts.media,
    };
  }

  return {
    submit,
    waitForResult: (receipt, o) => waitForResult(core, receipt, o),
    generateSync,
    latencyModel: () => ({ observations: core.model.samples.length, medianMs: latencyMedianMs(core.model) }),
    connectivity: () => connectivity.state(),
    onConnectivityChange: (listener) => connectivity.onChange(listener),
    giveUpWhileOffline: (error) => connectivity.giveUp(error),
    requestBudget: () => {
      const b = governor.state();
      return {
        mode: b.mode,
        setting: b.setting,
        perMinute: Number.isFinite(b.perMinute) ? b.perMinute : null,
        blockedUntilMs: b.blockedUntilMs > Date.now() ? b.blockedUntilMs : null,
        pressure: b.pressure,
        requestsPerJob,
        holdMs,
        waiting: governor.waiting(),
      };
    },
    setRequestsPerMinute: (setting) => governor.setRequestsPerMinute(setting),
    submitReadiness: () => governor.submitReadiness(),
    baseUrls: bases,
    setConcurrency: (n) => transport.setConcurrency(Math.max(1, n)),
    close: async () => {
      clock.stop();
      connectivity.stop();
      governor.stop();
      await transport.close();
    },
  };
}
