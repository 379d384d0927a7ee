/**
 * The one error type the Segmind client throws, with a `kind` the engine switches on (halt on auth/credits,
 * fail the job on invalid/failed, back off on rate_limited...), and the mapping from HTTP answers to kinds.
 */
import type { FailureKind } from '@shared/policy/retry-policy';

export type SegmindErrorKind = FailureKind;

export interface SegmindErrorInit {
  status?: number;
  retryAfterMs?: number;
  requestId?: string;
  /** Overrides the kind's default retryability (see {@link defaultRetryable}). */
  retryable?: boolean;
  /**
   * A submit whose 2xx answer could not be read: Segmind may have accepted (and charged) it, so it is
   * never sent again and is counted apart. Default false.
   */
  ambiguous?: boolean;
  cause?: unknown;
}

/**
 * Which kinds are worth repeating by default. bad_response is: a garbled or cut-off read of an idempotent GET
 * (status, result, media) is usually a proxy or network hiccup. The one exception is a 2xx submit answer
 * without `request_id`/`status_url`/`response_url`: the server may have accepted (and charged) the job, so the
 * client marks that instance not retryable.
 */
export function defaultRetryable(kind: SegmindErrorKind): boolean {
  return kind === 'rate_limited' || kind === 'server' || kind === 'network' || kind === 'bad_response';
}

export class SegmindError extends Error {
  readonly kind: SegmindErrorKind;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly requestId?: string;
  readonly retryable: boolean;
  readonly ambiguous: boolean;
  /** HTTP requests this logical request took before giving up (set by the retry loop). */
  attempts = 1;

  constructor(kind: SegmindErrorKind, message: string, init: SegmindErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'SegmindError';
    this.kind = kind;
    this.status = init.status;
    this.retryAfterMs = init.retryAfterMs;
    this.requestId = init.requestId;
    this.retryable = init.ambiguous ? false : (init.retryable ?? defaultRetryable(kind));
    this.ambiguous = init.ambiguous ?? false;
  }
}

/** True for a SegmindError, optionally of one of the given kinds. */
export function isSegmindError(error: unknown, ...kinds: SegmindErrorKind[]): error is SegmindError {
  return error instanceof SegmindError && (kinds.length === 0 || kinds.includes(error.kind));
}

/**
 * The kind for an HTTP error status. `forRequestId` distinguishes a 404 for a request id (the result expired or
 * never existed: 'expired') from a 404 on the model endpoint (a wrong base URL or slug: 'invalid').
 */
export function kindForStatus(status: number, forRequestId: boolean): SegmindErrorKind {
  switch (status) {
    case 400:
      return 'invalid';
    case 401:
      return 'auth';
    case 403:
      return 'forbidden';
    case 404:
      return forRequestId ? 'expired' : 'invalid';
    case 406:
      return 'credits';
    case 408:
      return 'network';
    case 422:
      return 'failed';
    case 429:
      return 'rate_limited';
  }
  if (status >= 500) return 'server';
  return 'bad_response';
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
  'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
]);

/** Whether a thrown transport error is a connection/timeout problem (retryable) rather than a bug. */
export function isNetworkFailure(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
    const name = (e as { name?: unknown }).name;
    if (name === 'TimeoutError' || name === 'SocketError' || name === 'HeadersTimeoutError') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** The error for a request the caller aborted. */
export function abortedError(requestId?: string): SegmindError {
  return new SegmindError('aborted', 'The request was cancelled', { requestId, retryable: false });
}
