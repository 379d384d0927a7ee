/**
 * The batches store (History and the batch picker): snapshot, then subscribe, with the deltas that
 * arrive while `batch:list` loads buffered and merged after it — the case the old History hook dropped.
 * The studio client is faked: `batch:list` answers when a test resolves it, and `emit` plays a
 * `jobs:changed` event to whoever subscribed.
 */

import type { BatchView, JobsChanged } from '@shared/contract';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mergeBatches, useBatches } from '../../../renderer/src/stores/batches-store';
import { makeBatch } from './job-fixture';

const fake = vi.hoisted(() => {
  const listeners = new Set<(payload: unknown) => void>();
  const calls: string[] = [];
  const studio = {
    'batch:list': vi.fn(),
    'batch:delete': vi.fn(),
    'history:search': vi.fn(),
    on: vi.fn((name: string, listener: (payload: unknown) => void) => {
      calls.push(`on ${name}`);
      listeners.add(listener);
      return () => listeners.delete(listener);
    }),
    onConnection: vi.fn((listener: (state: 'live' | 'lost') => void) => {
      connection.add(listener);
      return () => connection.delete(listener);
    }),
  };
  const connection = new Set<(state: 'live' | 'lost') => void>();
  return { studio, listeners, calls, connection };
});

vi.mock('../../../renderer/src/api/studio-api', () => ({ studio: fake.studio }));

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Answers the next `batch:list` call when the test says so. */
function nextList() {
  const answer = deferred<BatchView[]>();
  fake.studio['batch:list'].mockImplementationOnce(() => {
    fake.calls.push('batch:list');
    return answer.promise;
  });
  return answer;
}

const emit = (payload: Partial<JobsChanged>) => {
  for (const listener of fake.listeners) listener({ jobs: [], batches: [], ...payload });
};
/** Lets pending promise callbacks run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const listed = () => {
  const { list } = useBatches.getState();
  return list.status === 'ready' ? list.batches : null;
};

const stops: (() => void)[] = [];
const start = () => {
  const stop = useBatches.getState().start();
  stops.push(stop);
  return stop;
};

beforeEach(() => {
  fake.calls.length = 0;
  vi.clearAllMocks();
  useBatches.setState({ list: { status: 'loading' } });
});

afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  expect(fake.listeners.size).toBe(0);
  expect(fake.connection.size).toBe(0);
});

describe('mergeBatches', () => {
  const held = [makeBatch({ id: 'b2', createdAt: 2 }), makeBatch({ id: 'b1', createdAt: 1 })];

  it('returns the same array for a delta without batches', () => {
    expect(mergeBatches(held, [])).toBe(held);
  });

  it('replaces a held batch in place and keeps the identity of the others', () => {
    const fresh = makeBatch({ id: 'b1', createdAt: 1, done: 4 });
    const next = mergeBatches(held, [fresh]);
    expect(next.map((b) => b.id)).toEqual(['b2', 'b1']);
    expect(next[1]).toBe(fresh);
    expect(next[0]).toBe(held[0]);
    expect(held[1]?.done).toBe(0);
  });

  it('puts batches it did not hold in front, newest first, once each (the last copy wins)', () => {
    const next = mergeBatches(held, [
      makeBatch({ id: 'b3', createdAt: 3 }),
      makeBatch({ id: 'b4', createdAt: 4, done: 1 }),
      makeBatch({ id: 'b4', createdAt: 4, done: 2 }),
    ]);
    expect(next.map((b) => b.id)).toEqual(['b4', 'b3', 'b2', 'b1']);
    expect(next[0]?.done).toBe(2);
  });
});

describe('useBatches', () => {
  it('subscribes before it asks for the list, then shows the list', async () => {
    const answer = nextList();
    start();
    expect(fake.calls).toEqual(['on jobs:changed', 'batch:list']);
    expect(useBatches.getState().list.status).toBe('loading');
    answer.resolve([makeBatch({ id: 'b1' })]);
    await settle();
    expect(listed()?.map((b) => b.id)).toEqual(['b1']);
  });

  it('merges the deltas that arrived while the list loaded (the old hook dropped them)', async () => {
    const answer = nextList();
    start();
    // While batch:list is in flight, b1 moves on and a new batch b3 starts.
    emit({ batches: [makeBatch({ id: 'b1', createdAt: 1, done: 5, state: 'running' })] });
    emit({ batches: [makeBatch({ id: 'b3', createdAt: 3 })] });
    expect(useBatches.getState().list.status).toBe('loading');
    // The list was read before those deltas: b1 at 3 done, no b3.
    answer.resolve([makeBatch({ id: 'b2', createdAt: 2 }), makeBatch({ id: 'b1', createdAt: 1, done: 3 })]);
    await settle();
    expect(listed()?.map((b) => [b.id, b.done])).toEqual([
      ['b3', 0],
      ['b2', 0],
      ['b1', 5],
    ]);
  });

  it('merges later deltas as they come, and none once the last user stopped', async () => {
    const answer = nextList();
    const stop = start();
    answer.resolve([makeBatch({ id: 'b1', done: 1 })]);
    await settle();
    emit({ batches: [makeBatch({ id: 'b1', done: 2 })] });
    expect(listed()?.[0]?.done).toBe(2);
    const before = listed();
    emit({ jobs: [] });
    expect(listed()).toBe(before);

    stop();
    expect(fake.listeners.size).toBe(0);
    emit({ batches: [makeBatch({ id: 'b1', done: 3 })] });
    expect(listed()?.[0]?.done).toBe(2);
  });

  it('shares one subscription and one read between users; the next start re-reads', async () => {
    const first = nextList();
    const stopA = start();
    const stopB = start();
    expect(fake.studio.on).toHaveBeenCalledTimes(1);
    expect(fake.studio['batch:list']).toHaveBeenCalledTimes(1);
    first.resolve([makeBatch({ id: 'b1' })]);
    await settle();
    stopA();
    expect(fake.listeners.size).toBe(1);
    stopB();
    stopB();
    expect(fake.listeners.size).toBe(0);

    // Back again: the old list stays on screen while the new one loads.
    const second = nextList();
    start();
    expect(listed()?.map((b) => b.id)).toEqual(['b1']);
    second.resolve([makeBatch({ id: 'b2', createdAt: 2 }), makeBatch({ id: 'b1' })]);
    await settle();
    expect(listed()?.map((b) => b.id)).toEqual(['b2', 'b1']);
  });

  it('reads the list again when a restarted studio is back (web mode reconnect)', async () => {
    const first = nextList();
    start();
    first.resolve([makeBatch({ id: 'b1' })]);
    await settle();
    for (const listener of fake.connection) listener('lost');
    expect(fake.studio['batch:list']).toHaveBeenCalledTimes(1);
    const again = nextList();
    for (const listener of fake.connection) listener('live');
    expect(fake.studio['batch:list']).toHaveBeenCalledTimes(2);
    again.resolve([makeBatch({ id: 'b2', createdAt: 2 }), makeBatch({ id: 'b1' })]);
    await settle();
    expect(listed()?.map((b) => b.id)).toEqual(['b2', 'b1']);
  });

  it('drops an answer that a stop or a newer read superseded', async () => {
    const stale = nextList();
    const stop = start();
    stop();
    const fresh = nextList();
    start();
    fresh.resolve([makeBatch({ id: 'new' })]);
    await settle();
    stale.resolve([makeBatch({ id: 'old' })]);
    await settle();
    expect(listed()?.map((b) => b.id)).toEqual(['new']);
  });

  it('shows a failed read as an error, and a reload recovers', async () => {
    const failing = nextList();
    start();
    failing.reject(new Error('service unreachable'));
    await settle();
    expect(useBatches.getState().list).toEqual({ status: 'error', message: 'service unreachable' });
    // Deltas cannot patch a list that is not there.
    emit({ batches: [makeBatch({ id: 'b1' })] });
    expect(useBatches.getState().list.status).toBe('error');

    const retry = nextList();
    const reloading = useBatches.getState().reload();
    expect(useBatches.getState().list.status).toBe('loading');
    retry.resolve([makeBatch({ id: 'b1' })]);
    await reloading;
    expect(listed()?.map((b) => b.id)).toEqual(['b1']);
  });

  it('deletes a batch: drops it at once, re-reads, and a late delta does not bring it back', async () => {
    const answer = nextList();
    start();
    answer.resolve([makeBatch({ id: 'gone', createdAt: 2 }), makeBatch({ id: 'kept', createdAt: 1 })]);
    await settle();

    fake.studio['batch:delete'].mockResolvedValueOnce({ deleted: true, filesDeleted: 3 });
    const reread = nextList();
    const result = await useBatches.getState().deleteBatch({ batchId: 'gone', deleteFiles: true });
    expect(result).toEqual({ filesDeleted: 3 });
    expect(fake.studio['batch:delete']).toHaveBeenCalledWith({ batchId: 'gone', deleteFiles: true });
    expect(listed()?.map((b) => b.id)).toEqual(['kept']);

    // The cancel that preceded the delete is still on its way, and the re-read raced it.
    emit({ batches: [makeBatch({ id: 'gone', state: 'cancelled' })] });
    reread.resolve([makeBatch({ id: 'gone', createdAt: 2 }), makeBatch({ id: 'kept', createdAt: 1 })]);
    await settle();
    emit({ batches: [makeBatch({ id: 'gone', state: 'cancelled' })] });
    expect(listed()?.map((b) => b.id)).toEqual(['kept']);
  });

  it('keeps the list when a delete fails', async () => {
    const answer = nextList();
    start();
    answer.resolve([makeBatch({ id: 'b1' })]);
    await settle();
    fake.studio['batch:delete'].mockRejectedValueOnce(new Error('not_found'));
    await expect(useBatches.getState().deleteBatch({ batchId: 'b1', deleteFiles: false })).rejects.toThrow(
      'not_found',
    );
    expect(listed()?.map((b) => b.id)).toEqual(['b1']);
    expect(fake.studio['batch:list']).toHaveBeenCalledTimes(1);
  });

  it('searches prompts through history:search with the contract maximum', async () => {
    fake.studio['history:search'].mockResolvedValueOnce([]);
    await useBatches.getState().searchPrompts('fox');
    expect(fake.studio['history:search']).toHaveBeenCalledWith({ text: 'fox', limit: 200 });
  });
});
