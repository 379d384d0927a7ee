/**
 * The two generation routes: `POST /v2/ideogram-img-2-img` (submit: creates a job, answers with its
 * absolute status/result URLs) and `POST /v1/ideogram-img-2-img` (sync: waits the job's latency and
 * answers with the PNG bytes). Order of checks: auth (401/403), limits (429), body (413, 400 non-JSON),
 * validation (400 naming the field), credits and team spend limit (406), source image (400 naming
 * image_file), then the price is reserved (charged at COMPLETED, released at FAILED: billing.ts).
 * Nothing is reserved or created unless every check passed.
 */
import { randomUUID } from 'node:crypto';
import { describeIssues, type IdeogramParams, validateIdeogramParams } from '@shared/catalogue';
import { admitSubmit, authenticate } from './admission';
import type { JobBilling } from './billing';
import type { SimContext } from './context';
import { paramsFingerprint } from './fingerprint';
import {
  dropConnection,
  type Exchange,
  readBody,
  sendBytes,
  sendError,
  sendJson,
  whenDelivered,
} from './http-io';
import { loadSourceImage } from './image-source';
import { medianLatencyMs, planLatency } from './latency-model';
import { effectiveSeed } from './render-image';

interface Accepted {
  key: string;
  params: IdeogramParams;
  source: Buffer;
  fingerprint: string;
  attempt: number;
  billing: JobBilling;
}

/** Answers 406 when one more generation cannot be paid for; true when it was refused. */
function refusedForMoney(ctx: SimContext, ex: Exchange): boolean {
  const refusal = ctx.billing.refusal();
  if (refusal === null) return false;
  ctx.billing.recordRefused();
  sendError(ex, 406, refusal);
  return true;
}

/** Runs every check; answers the error and returns null, or reserves the price and returns the request. */
async function accept(ctx: SimContext, ex: Exchange): Promise<Accepted | null> {
  const key = authenticate(ctx, ex);
  if (key === null || !admitSubmit(ctx, ex, key)) return null;
  const read = await readBody(ex.req, ctx.options.maxBodyBytes);
  if (read.kind === 'aborted') {
    sendError(ex, 400, 'Bad request: the request body was not received completely');
    return null;
  }
  if (read.kind === 'tooLarge') {
    const mb = Math.round(ctx.options.maxBodyBytes / 1024 / 1024);
    sendError(ex, 413, `Payload too large: the request body exceeds ${mb} MB`, { Connection: 'close' });
    return null;
  }
  let body: unknown;
  try {
    body = JSON.parse(read.body.toString('utf8'));
  } catch {
    sendError(ex, 400, 'Bad request: the body must be a JSON object of parameters');
    return null;
  }
  const validation = validateIdeogramParams(body);
  if (!validation.ok) {
    sendError(ex, 400, `Invalid parameters: ${describeIssues(validation.issues)}`);
    return null;
  }
  if (refusedForMoney(ctx, ex)) return null;
  const source = await loadSourceImage(
    validation.value.image_file,
    ctx.options.allowRemoteImages,
    ctx.sources,
  );
  if (!source.ok) {
    sendError(ex, 400, `Invalid parameters: ${source.message}`);
    return null;
  }
  // The source load awaited: another request may have reserved the last credit meanwhile.
  if (refusedForMoney(ctx, ex)) return null;
  const billing = ctx.billing.reserve();
  const fingerprint = paramsFingerprint(validation.value);
  const attempt = ctx.stats.recordAccepted(fingerprint);
  // Jobs live for the retention period: keep a short stand-in, not megabytes of base64 per job.
  const params = { ...validation.value, image_file: `sha256:${fingerprint}` };
  return { key, params, source: source.bytes, fingerprint, attempt, billing };
}

/** Draws an accepted request's latency (counted in the stats) and its planned faults. */
function plan(ctx: SimContext, request: Accepted) {
  const { options } = ctx;
  const latency = planLatency({
    normal: ctx.faults.latencyNormal(request.fingerprint, request.attempt),
    latencyScale: options.latencyScale,
    latencySigma: options.latencySigma,
    queueFraction: options.queueFraction,
    inFlight: ctx.jobs.inFlight(),
  });
  ctx.stats.recordDrawnLatency(latency.queueMs + latency.processMs);
  return { latency, ...ctx.faults.jobFaults(request.fingerprint, request.attempt) };
}

/**
 * Retention of an `expireEarly` job: its result is gone once COMPLETED is announced, and a job nobody
 * polls in time goes too — after two median latencies (at least 1 s), so pollers still see COMPLETED.
 */
function earlyRetentionMs(ctx: SimContext): number {
  return Math.min(ctx.options.retentionMs, Math.max(1_000, 2 * medianLatencyMs(ctx.options.latencyScale)));
}

/** `POST /v2/ideogram-img-2-img`: queue a job and hand back where to poll. */
export async function handleSubmit(ctx: SimContext, ex: Exchange): Promise<void> {
  const request = await accept(ctx, ex);
  if (!request) return;
  const { latency, failReason, expireEarly } = plan(ctx, request);
  const id = randomUUID();
  const job = ctx.jobs.create({
    id,
    apiKey: request.key,
    fingerprint: request.fingerprint,
    params: request.params,
    source: request.source,
    queueMs: latency.queueMs,
    processMs: latency.processMs,
    failReason,
    expireEarly,
    retentionMs: expireEarly ? earlyRetentionMs(ctx) : ctx.options.retentionMs,
    billing: request.billing,
  });
  sendJson(ex, 200, {
    request_id: id,
    status: 'QUEUED',
    status_url: `${ctx.origin}/v2/requests/${id}/status`,
    response_url: `${ctx.origin}/v2/requests/${id}`,
    poll_url: `${ctx.origin}/v1/requests/${id}`,
  });
  // A 200 that never arrives whole leaves a job the client cannot know of: an ambiguous submit.
  if (!(await whenDelivered(ex))) ctx.billing.answerLost(job);
}

function wait(ctx: SimContext, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      ctx.timers.delete(timer);
      resolve();
    }, ms);
    ctx.timers.add(timer);
  });
}

/** `POST /v1/ideogram-img-2-img`: generate within the request and answer with the image bytes. */
export async function handleSync(ctx: SimContext, ex: Exchange): Promise<void> {
  const request = await accept(ctx, ex);
  if (!request) return;
  const { latency, failReason } = plan(ctx, request);
  const id = randomUUID();
  ctx.jobs.syncStarted(request.key);
  try {
    await wait(ctx, latency.queueMs + latency.processMs);
  } finally {
    ctx.jobs.syncEnded(request.key);
  }
  // The generation ran either way: billed if it completed, whoever is still listening.
  const outcome = {
    phase: failReason === null ? ('COMPLETED' as const) : ('FAILED' as const),
    billing: request.billing,
  };
  ctx.stats.recordTerminal(failReason === null ? 'completed' : 'failed');
  ctx.billing.settle(outcome);
  if (ex.res.destroyed || ex.req.socket.destroyed) {
    // The caller hung up while waiting: nobody to answer, nothing worth rendering.
    dropConnection(ex);
    ctx.billing.answerLost(outcome);
    return;
  }
  if (failReason !== null) {
    sendJson(ex, 422, { status: 'FAILED', error: failReason, request_id: id });
    noteDelivery(ctx, ex, outcome);
    return;
  }
  // A sync answer is read once: render it without filling the per-request output cache.
  const bytes = await ctx.renderer.render({
    source: request.source,
    params: request.params,
    seed: effectiveSeed(request.params, request.fingerprint),
  });
  sendBytes(ex, 200, bytes, 'image/png');
  noteDelivery(ctx, ex, outcome);
}

/** A sync answer is both the submit's answer and the outcome: delivered whole, or ambiguous. */
function noteDelivery(
  ctx: SimContext,
  ex: Exchange,
  outcome: Parameters<SimContext['billing']['settle']>[0],
) {
  void whenDelivered(ex).then((delivered) =>
    delivered ? ctx.billing.outcomeDelivered(outcome) : ctx.billing.answerLost(outcome),
  );
}
