/**
 * Reads Segmind's answers: turns an HTTP answer into a submit receipt, a job status or a result, or into the
 * typed SegmindError it stands for. A body announcing FAILED is a terminal answer whatever the HTTP code.
 */

import { kindForStatus, SegmindError } from './errors';
import { describeAnswer, type HttpAnswer, parseJson, rateLimitWaitMs, retryAfterMs } from './http';

export interface SubmitReceipt {
  requestId: string;
  /** Absolute, as the server gave it; never rebuilt. */
  statusUrl: string;
  responseUrl: string;
  /** Epoch ms when the submit was answered; lets a later `waitForResult` time its first poll. Optional. */
  submittedAt?: number;
  /** HTTP requests the submit took (retries included); added to `GeneratedImage.attempts`. Optional. */
  attempts?: number;
  /**
   * When the submit was answered on this process's monotonic clock, and the clock epoch then (see
   * clock-watch.ts). Only a receipt from this process life has it: the latency model learns from those
   * alone, and a receipt without it (restored after a restart) is polled at once.
   */
  timing?: { monoMs: number; epoch: number };
}

export type JobStatus = 'QUEUED' | 'PROCESSING' | 'COMPLETED';
const LIVE_STATUSES: readonly string[] = ['QUEUED', 'PROCESSING', 'COMPLETED'];

/** The typed error for a non-2xx answer. */
export function errorFromAnswer(answer: HttpAnswer, forRequestId: boolean, requestId?: string): SegmindError {
  const kind = kindForStatus(answer.status, forRequestId);
  const reason = describeAnswer(answer);
  return new SegmindError(kind, `Segmind answered HTTP ${answer.status} (${kind}): ${reason}`, {
    status: answer.status,
    requestId,
    retryAfterMs:
      kind === 'rate_limited'
        ? rateLimitWaitMs(answer.headers)
        : kind === 'server'
          ? retryAfterMs(answer.headers)
          : undefined,
  });
}

function failedError(body: Record<string, unknown>, answer: HttpAnswer, requestId: string): SegmindError {
  const reason = typeof body.error === 'string' && body.error.trim() ? body.error.trim() : 'no reason given';
  return new SegmindError('failed', `The job failed: ${reason}`, { status: answer.status, requestId });
}

const isOk = (answer: HttpAnswer) => answer.status >= 200 && answer.status < 300;
const asRecord = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/**
 * A submit answer. A 2xx without request_id/status_url/response_url is an ambiguous submit, never sent
 * again: the server may have accepted (and charged) the job, so resubmitting could pay twice.
 */
export function readSubmit(answer: HttpAnswer): SubmitReceipt {
  if (!isOk(answer)) throw errorFromAnswer(answer, false);
  const body = asRecord(parseJson(answer));
  const { request_id: requestId, status_url: statusUrl, response_url: responseUrl } = body ?? {};
  if (
    typeof requestId !== 'string' ||
    !requestId ||
    typeof statusUrl !== 'string' ||
    typeof responseUrl !== 'string'
  ) {
    const what = body ? 'without request_id, status_url and response_url' : 'with a body that is not JSON';
    throw new SegmindError('bad_response', `Segmind answered HTTP ${answer.status} ${what}`, {
      status: answer.status,
      ambiguous: true,
    });
  }
  return { requestId, statusUrl, responseUrl };
}

/** A status answer: QUEUED, PROCESSING or COMPLETED; FAILED, 404 (expired) and other errors throw. */
export function readStatus(answer: HttpAnswer, requestId: string): JobStatus {
  const body = asRecord(parseJson(answer));
  if (body?.status === 'FAILED') throw failedError(body, answer, requestId);
  if (!isOk(answer)) throw errorFromAnswer(answer, true, requestId);
  if (typeof body?.status === 'string' && LIVE_STATUSES.includes(body.status))
    return body.status as JobStatus;
  throw new SegmindError('bad_response', `Status answer without a known status (HTTP ${answer.status})`, {
    status: answer.status,
    requestId,
  });
}

/** Billing fields a successful answer may carry (`cost`, `remaining_credits`, USD); null when absent. */
export interface AnswerBilling {
  costUsd: number | null;
  remainingCredits: number | null;
}

export type ResultAnswer =
  | { state: 'completed'; output: unknown; inferenceTimeSec: number | null; billing: AnswerBilling }
  | { state: 'pending'; status: JobStatus };

/** Reads `cost` / `remaining_credits` when present and sane; never requires them (API notes). */
export function readBilling(body: Record<string, unknown>): AnswerBilling {
  const usd = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : null);
  return { costUsd: usd(body.cost), remainingCredits: usd(body.remaining_credits) };
}

/** A result answer: the output once COMPLETED, or the live status if the job is somehow not done yet. */
export function readResult(answer: HttpAnswer, requestId: string): ResultAnswer {
  const body = asRecord(parseJson(answer));
  if (body?.status === 'FAILED') throw failedError(body, answer, requestId);
  if (!isOk(answer)) throw errorFromAnswer(answer, true, requestId);
  if (!body) {
    throw new SegmindError('bad_response', `Result answer is not JSON (HTTP ${answer.status})`, {
      requestId,
    });
  }
  if (body.status === 'QUEUED' || body.status === 'PROCESSING')
    return { state: 'pending', status: body.status };
  const metrics = asRecord(body.metrics);
  const seconds = typeof metrics?.inference_time === 'number' ? metrics.inference_time : null;
  return { state: 'completed', output: body.output, inferenceTimeSec: seconds, billing: readBilling(body) };
}
