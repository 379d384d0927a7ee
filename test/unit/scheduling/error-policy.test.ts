import { FAILURE_KINDS } from '@shared/policy/retry-policy';
import {
  classifyFailure,
  type FailureAction,
  haltMessage,
  isOutputFolderProblem,
  isResultKeptFailure,
  OUTPUT_ERROR_CODE,
} from '@shared/scheduling';
import { describe, expect, it } from 'vitest';

describe('classifyFailure', () => {
  it('halts all submitting on 401 / 403 / 406 with plain words', () => {
    expect(classifyFailure('auth', { hasRequestId: false })).toEqual({
      action: 'halt',
      reason: 'auth',
      message: 'Segmind rejected the API key — add a valid key, then resume',
    });
    const credits = classifyFailure('credits', { hasRequestId: true });
    expect(credits).toMatchObject({ action: 'halt', reason: 'credits' });
    expect(credits.action === 'halt' && credits.message).toMatch(
      /^Segmind says your credits ran out — the queue is paused/,
    );
    const forbidden = classifyFailure('forbidden', {
      hasRequestId: false,
      detail: 'plan does not include model',
    });
    expect(forbidden).toMatchObject({ action: 'halt', reason: 'forbidden' });
    expect(forbidden.action === 'halt' && forbidden.message).toMatch(
      /forbidden.*plan does not include model/,
    );
  });

  it('halts regardless of attempts (an account problem is never a job failure)', () => {
    expect(classifyFailure('auth', { hasRequestId: false, attempt: 99 }).action).toBe('halt');
  });

  it('fails 400 and 422 without retry, with Segmind’s reason', () => {
    expect(classifyFailure('invalid', { hasRequestId: false, detail: 'seed out of range' })).toEqual({
      action: 'fail',
      code: 'invalid_request',
      message: 'Segmind rejected the request: seed out of range',
    });
    expect(classifyFailure('failed', { hasRequestId: true, detail: 'Content blocked' })).toEqual({
      action: 'fail',
      code: 'generation_failed',
      message: 'Segmind could not generate this image: Content blocked',
    });
    expect(classifyFailure('failed', { hasRequestId: true, detail: '   ' })).toMatchObject({
      message: 'Segmind could not generate this image',
    });
  });

  it('treats 404 on a known request id as expired, and on submit as a missing endpoint', () => {
    const expired = classifyFailure('expired', { hasRequestId: true });
    expect(expired).toMatchObject({ action: 'expired', code: 'expired' });
    expect(expired.action === 'expired' && expired.message).toMatch(/1 hour.*retry/);
    expect(classifyFailure('expired', { hasRequestId: false })).toMatchObject({
      action: 'fail',
      code: 'not_found',
    });
  });

  it('requeues an abort without counting it', () => {
    expect(classifyFailure('aborted', { hasRequestId: true, attempt: 3 })).toEqual({ action: 'requeue' });
  });

  it('retries transient errors within bounds, resubmitting only without a request id', () => {
    expect(classifyFailure('server', { hasRequestId: false })).toEqual({
      action: 'retry',
      resume: 'submit',
      delayMs: 2000,
    });
    expect(classifyFailure('network', { hasRequestId: true, attempt: 2 })).toEqual({
      action: 'retry',
      resume: 'poll',
      delayMs: 4000,
    });
    expect(classifyFailure('rate_limited', { hasRequestId: false, retryAfterMs: 9000 })).toMatchObject({
      delayMs: 9000,
    });
    expect(
      classifyFailure('bad_response', {
        hasRequestId: false,
        attempt: 9,
        maxAttempts: 20,
        maxDelayMs: 30_000,
      }),
    ).toMatchObject({ delayMs: 30_000 });
  });

  it('fails the job with the reason once the engine rounds run out', () => {
    expect(classifyFailure('server', { hasRequestId: false, attempt: 3 })).toEqual({
      action: 'fail',
      code: 'server_error',
      message: 'Segmind kept answering with a server error (3 attempts over 3 rounds)',
    });
    expect(
      classifyFailure('network', { hasRequestId: true, attempt: 1, maxAttempts: 1, detail: 'ECONNRESET' }),
    ).toEqual({
      action: 'fail',
      code: 'network_error',
      message: 'Could not reach Segmind: ECONNRESET (1 attempt)',
    });
    expect(classifyFailure('rate_limited', { hasRequestId: false, attempt: 3 })).toMatchObject({
      code: 'rate_limited',
    });
    expect(classifyFailure('bad_response', { hasRequestId: false, attempt: 3 })).toMatchObject({
      code: 'bad_response',
    });
  });

  it('says "kept" only after several attempts, and names the cause and the attempts', () => {
    expect(
      classifyFailure('bad_response', {
        hasRequestId: true,
        attempt: 1,
        maxAttempts: 1,
        requests: 1,
        detail: 'not JSON',
      }),
    ).toMatchObject({ message: 'Segmind sent an unreadable answer: not JSON (1 attempt)' });
    expect(
      classifyFailure('server', { hasRequestId: false, attempt: 3, requests: 18, detail: 'HTTP 502' }),
    ).toMatchObject({
      message: 'Segmind kept answering with a server error: HTTP 502 (18 attempts over 3 rounds)',
    });
  });

  it('an ambiguous submit fails as such, whatever its kind, and is never retried', () => {
    const action = classifyFailure('bad_response', {
      hasRequestId: false,
      ambiguous: true,
      retryable: true,
      detail: 'Segmind answered HTTP 200 without request_id, status_url and response_url',
    });
    expect(action).toEqual({
      action: 'fail',
      code: 'ambiguous_submit',
      message:
        'Segmind may have accepted (and charged) this request; its answer was unreadable (Segmind answered HTTP 200 without request_id, status_url and response_url; 1 attempt)',
    });
  });

  it('a network failure while offline waits (requeue), unless the outage limit made it final', () => {
    expect(
      classifyFailure('network', { hasRequestId: true, offline: true, attempt: 9, maxAttempts: 3 }),
    ).toEqual({
      action: 'requeue',
    });
    expect(
      classifyFailure('network', {
        hasRequestId: true,
        offline: true,
        retryable: false,
        detail: 'unreachable for 31 min',
      }),
    ).toMatchObject({ action: 'fail', code: 'network_error' });
    expect(classifyFailure('server', { hasRequestId: true, offline: true })).toMatchObject({
      action: 'retry',
    });
  });

  it('fails instead of resending when the error itself says it is not retryable', () => {
    expect(classifyFailure('bad_response', { hasRequestId: false, retryable: false })).toMatchObject({
      action: 'fail',
      code: 'bad_response',
    });
    expect(classifyFailure('bad_response', { hasRequestId: false, retryable: true })).toMatchObject({
      action: 'retry',
    });
  });

  it('has a complete table: every kind gets a decision of the documented shape', () => {
    const expected: Record<(typeof FAILURE_KINDS)[number], FailureAction['action']> = {
      auth: 'halt',
      forbidden: 'halt',
      credits: 'halt',
      invalid: 'fail',
      failed: 'fail',
      rate_limited: 'retry',
      server: 'retry',
      network: 'retry',
      expired: 'expired',
      bad_response: 'retry',
      aborted: 'requeue',
    };
    expect(Object.keys(expected).sort()).toEqual([...FAILURE_KINDS].sort());
    for (const kind of FAILURE_KINDS) {
      const decision = classifyFailure(kind, { hasRequestId: true });
      expect(decision.action, kind).toBe(expected[kind]);
      if ('message' in decision) expect(decision.message.length, kind).toBeGreaterThan(10);
    }
  });

  it('phrases each halt reason', () => {
    expect(haltMessage('auth')).toMatch(/API key/);
    expect(haltMessage('forbidden')).toMatch(/forbidden/);
    expect(haltMessage('credits')).toMatch(/credits/);
  });
});

describe('output failure predicates', () => {
  it('a full, read-only or failing folder stops the batch; a bad image or name is the job alone', () => {
    for (const code of ['disk_full', 'read_only', 'io']) expect(isOutputFolderProblem(code), code).toBe(true);
    for (const code of ['invalid_image', 'invalid_path', 'exists', OUTPUT_ERROR_CODE, 'generation_failed']) {
      expect(isOutputFolderProblem(code), code).toBe(false);
    }
    expect(isOutputFolderProblem(null)).toBe(false);
    expect(isOutputFolderProblem(undefined)).toBe(false);
  });

  it('a retry re-fetches the paid result after a folder problem or an unexpected save error, never else', () => {
    for (const code of ['disk_full', 'read_only', 'io', OUTPUT_ERROR_CODE]) {
      expect(isResultKeptFailure(code), code).toBe(true);
    }
    // A result that does not decode, or a name that cannot be used, would fail the same way again; the
    // API's own failures (and expiry) have no result to fetch.
    for (const code of [
      'invalid_image',
      'invalid_path',
      'exists',
      'expired',
      'generation_failed',
      'rate_limited',
    ]) {
      expect(isResultKeptFailure(code), code).toBe(false);
    }
    expect(isResultKeptFailure(null)).toBe(false);
    expect(isResultKeptFailure('')).toBe(false);
  });
});
