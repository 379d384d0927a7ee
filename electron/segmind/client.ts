/**
 * The Segmind client: v2 submit -> poll -> result for the engine, v1 sync for one-offs. It knows requests,
 * not jobs: the engine stores the receipt the moment submit returns and calls `waitForResult` with it,
 * now or after a restart. Errors are SegmindErrors with a kind; retries follow the shared retry policy.
 */

import { describeIssues, type IdeogramParams, MODEL_SLUG, validateIdeogramParams } from '@shared/catalogue';
import {
  createLatencyModel,
  DEFAULT_POLL_CADENCE,
  latencyMedianMs,
  type PollCadenceOptions,
} from '@shared/policy/poll-cadence';
import { type RetryPolicy, resolveRetryPolicy } from '@shared/policy/retry-policy';
import { DEFAULT_USER_LIMIT } from '@shared/scheduling';
import { STUDIO_VERSION } from '@shared/version';
import { type Log, silentLog } from '../log/logger';
import { errorFromAnswer, type JobStatus, readSubmit, type SubmitReceipt } from './answers';
import { SegmindError } from './errors';
import { createHttpTransport, type HttpAnswer, type HttpRequest, parseJson, retryAfterMs } from './http';
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

export interface SegmindClient {
  /** POST /v2/ideogram-img-2-img. Validates first (an invalid body costs no request). */
  submit(params: IdeogramParams, o?: { signal?: AbortSignal }): Promise<SubmitReceipt>;
  /** Polls the receipt's status_url, reads response_url, fetches and verifies the image. */
  waitForResult(
    receipt: SubmitReceipt,
    o?: {
      signal?: AbortSignal;
      onStatus?: (s: JobStatus) => void;
      expectedLatencyMs?: number;
      /** 'header' when the caller decodes the image fully itself; default 'full'. */
      verify?: VerifyMode;
    },
  ): Promise<GeneratedImage>;
  /** POST /v1/ideogram-img-2-img, answered with the image itself. */
  generateSync(params: IdeogramParams, o?: { signal?: AbortSignal }): Promise<GeneratedImage>;
  /** What the adaptive poller has learnt so far. */
  latencyModel(): { observations: number; medianMs: number | null };
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
  const transport = createHttpTransport({
    concurrency,
    apiKey: opts.apiKey,
    userAgent: opts.userAgent ?? `sweep-studio/${STUDIO_VERSION}`,
  });
  const core: ClientCore = {
    transport,
    retry: resolveRetryPolicy(opts.retry),
    poll: { ...DEFAULT_POLL_CADENCE, ...opts.poll },
    random: opts.random ?? Math.random,
    apiOrigin: new URL(bases.v1).origin,
    timeouts: { ...DEFAULT_TIMEOUTS, ...opts.timeouts },
    model: createLatencyModel(),
  };

  /** Sends a submit or sync POST, telling `onRateLimited` about a 429 before the retry logic sees it. */
  const sendCounted = async (req: HttpRequest): Promise<HttpAnswer> => {
    const sentAtMs = Date.now();
    const answer = await transport.send(req);
    if (answer.status === 429) {
      try {
        opts.onRateLimited?.({ retryAfterMs: retryAfterMs(answer.headers), sentAtMs });
      } catch (error) {
        // A listener's bug must not turn a retryable 429 into a failed job; it is logged instead.
        log.error({ err: error }, 'the onRateLimited listener threw; the 429 is retried as usual');
      }
    }
    return answer;
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
   * Retried on 429, 5xx and connection errors. A connection dropped after the body was sent is retried too:
   * no request id is known, so the alternative is losing the job, but the server may have accepted the
   * first copy and a retry can then pay twice (visible as duplicateSubmits in the simulator's stats).
   */
  async function submit(params: IdeogramParams, o: { signal?: AbortSignal } = {}): Promise<SubmitReceipt> {
    const body = validated(params);
    let attempts = 0;
    const receipt = await withRetries(
      async () => {
        attempts++;
        const answer = await sendCounted(
          post(`${bases.v2}/${MODEL_SLUG}`, body, o.signal, core.timeouts.submitMs),
        );
        return readSubmit(answer);
      },
      { policy: core.retry, signal: o.signal, random: core.random },
    );
    return { ...receipt, submittedAt: Date.now(), attempts };
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
      const a = await sendCounted(post(`${bases.v1}/${MODEL_SLUG}`, body, o.signal, core.timeouts.syncMs));
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
    baseUrls: bases,
    setConcurrency: (n) => transport.setConcurrency(Math.max(1, n)),
    close: () => transport.close(),
  };
}
