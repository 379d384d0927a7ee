/**
 * The routes that read a job: `GET /v2/requests/:id/status` (and its v1 twin `GET /v1/requests/:id`,
 * the submit's `poll_url`), `GET /v2/requests/:id` (the result) and `GET /media/:id.png` (the output
 * image, unauthenticated like a CDN link). FAILED is served as HTTP 422 with `error`. Unknown and
 * expired ids are 404. [inferred] Before completion the result route answers with the status body,
 * since the API notes do not say what Segmind returns there.
 */
import { admitRequest, authenticate } from './admission';
import { billingFields } from './billing';
import type { SimContext } from './context';
import { type Exchange, sendBytes, sendError, sendJson, whenDelivered } from './http-io';
import type { Job } from './job-store';
import { renderOutput } from './render-output';

const NOT_FOUND =
  'Request not found: unknown request id, or the result has expired (results are kept for a limited time)';

/** Answers the job's status body; an answer announcing its outcome is noted once it reached the client. */
function sendStatus(ctx: SimContext, ex: Exchange, job: Job): void {
  if (job.phase === 'FAILED') {
    sendJson(ex, 422, { status: 'FAILED', error: job.failReason, request_id: job.id });
  } else {
    sendJson(ex, 200, { status: job.phase, request_id: job.id });
  }
  if (job.phase === 'COMPLETED' || job.phase === 'FAILED') noteOutcome(ctx, ex, job);
}

function noteOutcome(ctx: SimContext, ex: Exchange, job: Job): void {
  void whenDelivered(ex).then((delivered) => delivered && ctx.billing.outcomeDelivered(job));
}

function findJob(ctx: SimContext, ex: Exchange, id: string): Job | null {
  const job = ctx.jobs.get(id);
  if (!job) {
    sendError(ex, 404, NOT_FOUND);
    return null;
  }
  return job;
}

/** `GET status_url` and `GET poll_url`. */
export function handleStatus(ctx: SimContext, ex: Exchange, id: string): void {
  const key = authenticate(ctx, ex);
  if (key === null || !admitRequest(ctx, ex, key, 'read')) return;
  const job = findJob(ctx, ex, id);
  if (!job) return;
  sendStatus(ctx, ex, job);
  // The expireEarly fault: COMPLETED has been announced, the result is already gone.
  if (job.phase === 'COMPLETED' && job.expireEarly) ctx.jobs.expire(job.id);
}

/** `GET response_url`. */
export function handleResult(ctx: SimContext, ex: Exchange, id: string): void {
  const key = authenticate(ctx, ex);
  if (key === null || !admitRequest(ctx, ex, key, 'read')) return;
  const job = findJob(ctx, ex, id);
  if (!job) return;
  if (job.phase !== 'COMPLETED') {
    sendStatus(ctx, ex, job);
    return;
  }
  if (job.expireEarly) {
    ctx.jobs.expire(job.id);
    sendError(ex, 404, NOT_FOUND);
    return;
  }
  sendJson(ex, 200, {
    status: 'COMPLETED',
    error: null,
    metrics: { inference_time: Math.round(job.processMs) / 1000 },
    output: `${ctx.origin}/media/${job.id}.png`,
    ...billingFields(ctx.options),
  });
  noteOutcome(ctx, ex, job);
}

/** `GET /media/:id.png`: the output image while the job's result is retained. */
export async function handleMedia(ctx: SimContext, ex: Exchange, id: string): Promise<void> {
  const job = ctx.jobs.get(id);
  if (job?.phase !== 'COMPLETED' || job.expireEarly) {
    sendError(ex, 404, 'Not found: no such media, or it has expired');
    return;
  }
  let bytes: Buffer;
  try {
    bytes = await renderOutput(ctx, {
      id: job.id,
      params: job.params,
      source: job.source,
      fingerprint: job.fingerprint,
    });
  } catch (error) {
    sendError(ex, 500, `Internal error: rendering failed (${(error as Error).message})`);
    return;
  }
  sendBytes(ex, 200, bytes, 'image/png', { 'Cache-Control': 'public, max-age=3600' });
}
