import { validateIdeogramParams } from '@shared/catalogue';
import { afterEach, describe, expect, it } from 'vitest';
import { type Job, JobStore, type NewJob } from '../../../electron/simulator/job-store';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const parsed = validateIdeogramParams({ image_file: 'aGVsbG8=', prompt: 'p' });
if (!parsed.ok) throw new Error('fixture params invalid');

function newJob(id: string, extra: Partial<NewJob> = {}): NewJob {
  return {
    id,
    apiKey: 'k',
    fingerprint: id.padEnd(64, '0'),
    params: parsed.ok ? parsed.value : (undefined as never),
    source: Buffer.alloc(1),
    queueMs: 20,
    processMs: 20,
    failReason: null,
    expireEarly: false,
    retentionMs: 60_000,
    billing: { reservedMicros: 0, answerLost: false, outcomeSeen: false },
    ...extra,
  };
}

describe('job store', () => {
  const terminal: Job[] = [];
  const expired: string[] = [];
  const store = new JobStore(
    (job) => terminal.push(job),
    (job) => expired.push(job.id),
  );
  afterEach(() => {
    store.clear();
    terminal.length = 0;
    expired.length = 0;
  });

  it('moves QUEUED -> PROCESSING -> COMPLETED on the clock and reports the end once', async () => {
    // Generous phase lengths: a loaded machine may oversleep, never undersleep.
    store.create(newJob('a', { queueMs: 15, processMs: 60_000 }));
    expect(store.get('a')?.phase).toBe('QUEUED');
    expect(store.inFlight('k')).toBe(1);
    expect(store.msUntilSlotFrees('k')).toBeGreaterThan(0);
    await sleep(30);
    expect(store.get('a')?.phase).toBe('PROCESSING');
    expect(terminal).toEqual([]);

    store.create(newJob('b', { queueMs: 0, processMs: 5 }));
    await sleep(30);
    expect(store.get('b')?.phase).toBe('COMPLETED');
    store.get('b');
    expect(terminal.map((j) => j.id)).toEqual(['b']);
    expect(store.inFlight('k')).toBe(1);
    store.expire('a');
    expect(store.inFlight('k')).toBe(0);
    expect(store.msUntilSlotFrees('k')).toBeNull();
  });

  it('ends FAILED when a fail reason was planned', async () => {
    store.create(newJob('f', { queueMs: 0, processMs: 1, failReason: 'blocked' }));
    await sleep(10);
    expect(store.get('f')).toMatchObject({ phase: 'FAILED', failReason: 'blocked' });
  });

  it('forgets jobs after retention, by timer, and tells the owner', async () => {
    store.create(newJob('r', { queueMs: 0, processMs: 1, retentionMs: 10 }));
    await sleep(40);
    expect(expired).toEqual(['r']);
    expect(store.get('r')).toBeUndefined();
  });

  it('counts running sync calls as in flight per key', () => {
    store.syncStarted('k');
    store.syncStarted('other');
    expect(store.inFlight('k')).toBe(1);
    expect(store.inFlight()).toBe(2);
    store.syncEnded('k');
    expect(store.inFlight('k')).toBe(0);
  });
});
