/**
 * The life of one submitted job on the client side: poll its status on the adaptive cadence, read the
 * result once COMPLETED, fetch or decode the image and verify it. Every step takes the AbortSignal, so a
 * cancelled job stops at once without another request; every HTTP request is counted against the job.
 */
import type { LatencyModel, PollCadenceOptions } from '@shared/policy/poll-cadence';
import { nextPollDelay, observeLatency, seedLatencyModel } from '@shared/policy/poll-cadence';
import type { RetryPolicy } from '@shared/policy/retry-policy';
import { type JobStatus, readResult, readStatus, type SubmitReceipt } from './answers';
import { kindForStatus, SegmindError } from './errors';
import type { HttpTransport } from './http';
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
  retry: RetryPolicy;
  poll: PollCadenceOptions;
  random: () => number;
  /** Origin of the API base; media on any other origin is fetched without the API key. */
  apiOrigin: string;
  timeouts: ClientTimeouts;
  model: LatencyModel;
}

export interface WaitOptions {
  signal?: AbortSignal;
  onStatus?: (status: JobStatus) => void;
  /** A latency guess used only until the client has learnt its own. */
  expectedLatencyMs?: number;
  /** How much of the image to prove before returning it (see VerifyMode). Default 'full'. */
  verify?: VerifyMode;
}

const SMALL_BODY = 1_048_576;
const IMAGE_BODY = 64 * 1_048_576;

/** Polls, reads and verifies one job's image; see {@link WaitOptions}. */
export async function waitForResult(
  core: ClientCore,
  receipt: SubmitReceipt,
  o: WaitOptions = {},
): Promise<GeneratedImage> {
  const { requestId } = receipt;
  const counts = { api: receipt.attempts ?? 0, media: 0 };
  const ctx = { policy: core.retry, signal: o.signal, random: core.random, requestId };
  // Without a submit time (e.g. a receipt restored after a restart) the first poll goes at once.
  const timed = typeof receipt.submittedAt === 'number';
  const origin = receipt.submittedAt ?? Date.now();
  let polls = 0;
  let stillRunningAt = 0;
  let last: JobStatus | undefined;
  for (;;) {
    const model =
      core.model.fit === null && o.expectedLatencyMs
        ? seedLatencyModel(o.expectedLatencyMs, core.poll)
        : core.model;
    const delay = !timed && polls === 0 ? 0 : nextPollDelay(model, Date.now() - origin, polls, core.poll);
    await abortableSleep(delay, o.signal, requestId);
    const sentAt = Date.now() - origin;
    const status = await withRetries(async () => {
      counts.api++;
      const answer = await core.transport.send({
        method: 'GET',
        url: receipt.statusUrl,
        signal: o.signal,
        timeoutMs: core.timeouts.statusMs,
        maxBodyBytes: SMALL_BODY,
        withApiKey: true,
        requestId,
      });
      return readStatus(answer, requestId);
    }, ctx);
    polls++;
    if (status !== last) o.onStatus?.(status);
    last = status;
    if (status !== 'COMPLETED') {
      stillRunningAt = sentAt;
      continue;
    }
    if (timed)
      core.model = observeLatency(core.model, { loMs: stillRunningAt, hiMs: Date.now() - origin }, core.poll);
    const result = await withRetries(async () => {
      counts.api++;
      const answer = await core.transport.send({
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
