/**
 * The life of one submitted job on the client side: poll its status on the adaptive cadence, read the
 * result once COMPLETED, fetch or decode the image and verify it. Every step takes the AbortSignal, so a
 * cancelled job stops at once without another request; every HTTP request is counted against the job.
 * Jobs are timed on the monotonic clock, and only a job submitted in this process life, with no gap in
 * time since (clock-watch.ts), teaches the latency model; a restored job, or one caught by a gap, is
 * polled at once instead.
 */
import type { LatencyModel, PollCadenceOptions } from '@shared/policy/poll-cadence';
import { nextPollDelay, observeLatency, pollCeilingMs } from '@shared/policy/poll-cadence';
import type { RetryPolicy } from '@shared/policy/retry-policy';
import type { RequestKind } from '@shared/scheduling/request-budget';
import { type JobStatus, readResult, readStatus, type SubmitReceipt } from './answers';
import type { ClockWatch } from './clock-watch';
import { kindForStatus, SegmindError } from './errors';
import type { HttpAnswer, HttpRequest, HttpTransport } from './http';
import { type GeneratedImage, locateOutput, type VerifyMode, verifyImage } from './result-image';
import { abortableSleep, withRetries } from './retrying-call';

/** Deadlines and body caps of the client's requests. */
export interface ClientTimeouts {
  /** Submit and sync generation upload the source image. Defaults 120 000 ms (submit), 600 000 ms (sync). */
  submitMs: number;
  syncMs: number;
  /** Status poll and result read. Defaults 30 000 ms and 60 000 ms. */
  statusMs: number;
  resultMs: number;
  /** Media download. Default 120 000 ms. */
  mediaMs: number;
}

/** What the client shares with each waiting job. */
export interface ClientCore {
  transport: HttpTransport;
  /** Sends an API request through the offline gate and the request governor (see client.ts). */
  api(kind: RequestKind, req: HttpRequest): Promise<HttpAnswer>;
  retry: RetryPolicy;
  /** The poll cadence now: the options, adjusted to the request budget's pressure. */
  cadence(): PollCadenceOptions;
  random: () => number;
  /** Origin of the API base; media on any other origin is fetched without the API key. */
  apiOrigin: string;
  timeouts: ClientTimeouts;
  model: LatencyModel;
  clock: ClockWatch;
  /**
   * Called once per job with the API requests it took (submit included) and, for a job timed in this
   * process life, how long it held its slot (submit to COMPLETED seen): the budget's estimates.
   */
  jobDone(apiRequests: number, holdMs: number | null): void;
}

export interface WaitOptions {
  signal?: AbortSignal;
  onStatus?: (status: JobStatus) => void;
  /** How much of the image to prove before returning it (see VerifyMode). Default 'full'. */
  verify?: VerifyMode;
}

const SMALL_BODY = 1_048_576;
const IMAGE_BODY = 64 * 1_048_576;

/**
 * Sleeps `ms` before the next poll, cut short by a gap in time (the process stopped or the machine
 * slept): whatever was in flight is then polled at once, as after a restart.
 */
async function sleepUnlessGap(core: ClientCore, ms: number, signal?: AbortSignal, requestId?: string) {
  if (ms <= 0) return abortableSleep(0, signal, requestId);
  const wake = new AbortController();
  const off = core.clock.onGap(() => wake.abort());
  try {
    await abortableSleep(ms, signal ? AbortSignal.any([signal, wake.signal]) : wake.signal, requestId);
  } catch (error) {
    if (!wake.signal.aborted || signal?.aborted) throw error;
  } finally {
    off();
  }
}

/** Polls, reads and verifies one job's image; see {@link WaitOptions}. */
export async function waitForResult(
  core: ClientCore,
  receipt: SubmitReceipt,
  o: WaitOptions = {},
): Promise<GeneratedImage> {
  const { requestId } = receipt;
  const counts = { api: receipt.attempts ?? 0, media: 0 };
  const ctx = { policy: core.retry, signal: o.signal, random: core.random, requestId };
  const timing = receipt.timing;
  // Elapsed time since the submit, for the cadence: monotonic within this life. A restored receipt only
  // has a wall-clock submit time, which may span a restart or a sleep: it is a hint, capped by the
  // ceiling, and such a job never teaches the model.
  const startMono = timing?.monoMs ?? core.clock.monoNow();
  const ceiling = pollCeilingMs(core.model, core.cadence());
  const wallAge = receipt.submittedAt === undefined ? ceiling : Date.now() - receipt.submittedAt;
  const offset = timing ? 0 : Math.min(ceiling, Math.max(0, wallAge));
  const elapsed = () => offset + core.clock.monoNow() - startMono;
  let learnable = timing !== undefined && core.clock.epoch() === timing.epoch;
  let pollNow = !learnable;
  let polls = 0;
  let stillRunningAt = 0;
  let holdMs: number | null | undefined;
  let last: JobStatus | undefined;
  for (;;) {
    const cadence = core.cadence();
    const delay = pollNow ? 0 : nextPollDelay(core.model, elapsed(), polls, cadence);
    pollNow = false;
    const epochBefore = core.clock.epoch();
    await sleepUnlessGap(core, delay, o.signal, requestId);
    if (core.clock.epoch() !== epochBefore) {
      // A gap while waiting: poll now, and learn nothing from this job.
      learnable = false;
    }
    // When the poll really left (after any wait for a budget token): the job was still running then,
    // or done by then; the time spent queueing for the budget is not the server's.
    let sentAt = elapsed();
    const status = await withRetries(async () => {
      counts.api++;
      const answer = await core.api('poll', {
        method: 'GET',
        url: receipt.statusUrl,
        signal: o.signal,
        timeoutMs: core.timeouts.statusMs,
        maxBodyBytes: SMALL_BODY,
        withApiKey: true,
        requestId,
      });
      if (answer.sentAtMono !== undefined) sentAt = offset + answer.sentAtMono - startMono;
      return readStatus(answer, requestId);
    }, ctx);
    polls++;
    if (status !== last) o.onStatus?.(status);
    last = status;
    if (core.clock.epoch() !== timing?.epoch) learnable = false;
    if (status !== 'COMPLETED') {
      stillRunningAt = sentAt;
      continue;
    }
    holdMs ??= learnable ? elapsed() : null;
    if (learnable) {
      core.model = observeLatency(core.model, { loMs: stillRunningAt, hiMs: sentAt }, cadence);
    }
    const result = await withRetries(async () => {
      counts.api++;
      const answer = await core.api('result', {
        method: 'GET',
        url: receipt.responseUrl,
        signal: o.signal,
        timeoutMs: core.timeouts.resultMs,
        maxBodyBytes: IMAGE_BODY,
        withApiKey: true,
        requestId,
      });
      return readResult(answer, requestId);
    }, ctx);
    // A result that is not ready after a COMPLETED status is a server race: keep polling.
    if (result.state === 'pending') continue;
    const image = await resolveImage(core, result.output, requestId, o.signal, counts, o.verify);
    core.jobDone(counts.api, holdMs ?? null);
    return {
      requestId,
      ...image,
      inferenceTimeSec: result.inferenceTimeSec,
      attempts: counts.api,
      mediaRequests: counts.media,
      billing: result.billing,
    };
  }
}

/** Fetches (URL) or decodes (inline) the output and verifies it; a bad download is fetched again. */
export async function resolveImage(
  core: ClientCore,
  output: unknown,
  requestId: string,
  signal: AbortSignal | undefined,
  counts: { media: number },
  verify: VerifyMode = 'full',
): Promise<{ bytes: Buffer; contentType: string; width: number; height: number }> {
  const source = locateOutput(output);
  if (!source) {
    throw new SegmindError('bad_response', 'The result holds no image (no URL or base64 data in output)', {
      requestId,
      retryable: false,
    });
  }
  if (source.type === 'inline') {
    return { bytes: source.bytes, ...(await verifyImage(source.bytes, false, requestId, verify)) };
  }
  const url = source.url;
  return withRetries(
    async () => {
      counts.media++;
      const answer = await core.transport.send({
        method: 'GET',
        url,
        signal,
        timeoutMs: core.timeouts.mediaMs,
        maxBodyBytes: IMAGE_BODY,
        withApiKey: new URL(url).origin === core.apiOrigin,
        requestId,
      });
      if (answer.status < 200 || answer.status >= 300) {
        const kind = kindForStatus(answer.status, true);
        throw new SegmindError(kind, `Fetching the result image answered HTTP ${answer.status} (${kind})`, {
          status: answer.status,
          requestId,
        });
      }
      return { bytes: answer.body, ...(await verifyImage(answer.body, true, requestId, verify)) };
    },
    { policy: core.retry, signal, random: core.random, requestId },
  );
}
