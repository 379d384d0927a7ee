/**
 * The batch store's windowing, against a fake main holding a 100,000-job batch in memory (filters and
 * counts implemented plainly here, as the journal's SQL does them): the store holds only the pages
 * shown, lays filters and grouping out from main's counts, keeps what it holds live from deltas (and
 * only that), re-reads when a status filter's membership moves, never lets a read undo a newer delta,
 * and reads whole inputs and pinned jobs for the matrix, compare and the detail.
 */

import type { BatchView, InputView, JobFilterArgs, JobsChanged, JobView } from '@shared/contract';
import { JOB_STATES, type JobState } from '@shared/scheduling';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useBatchStore } from '../../../renderer/src/stores/batch-store';
import { PAGE_SIZE, pageKey } from '../../../renderer/src/stores/job-window';
import { makeBatch, makeInput, makeJob } from './job-fixture';

const TOTAL = 100_000;
const INPUTS = 5;
const STYLES = ['GENERAL', 'ANIME', 'DESIGN', 'REALISTIC', 'RENDER_3D'] as const;

const main = vi.hoisted(() => ({
  jobs: [] as JobView[],
  inputs: [] as InputView[],
  listener: null as ((p: JobsChanged) => void) | null,
  /** Rows sent in page answers (what crossed the bridge). */
  rowsSent: 0,
  /** When set, page reads wait for it. */
  hold: null as Promise<void> | null,
}));

function matches(job: JobView, f: JobFilterArgs): boolean {
  return (
    (!f.states?.length || f.states.includes(job.state)) &&
    (f.style === undefined || job.style === f.style) &&
    (f.seed === undefined || job.seed === f.seed) &&
    (f.promptIndex === undefined || job.promptIndex === f.promptIndex) &&
    (f.inputId === undefined || job.inputId === f.inputId) &&
    (f.promptContains === undefined || job.prompt.toLowerCase().includes(f.promptContains.toLowerCase()))
  );
}

function countsOf(list: readonly JobView[]): Record<JobState, number> {
  const out = Object.fromEntries(JOB_STATES.map((s) => [s, 0])) as Record<JobState, number>;
  for (const j of list) out[j.state] += 1;
  return out;
}

function batchView(): BatchView {
  return makeBatch({ total: main.jobs.length, counts: countsOf(main.jobs) });
}

vi.mock('../../../renderer/src/api/studio-api', () => {
  const filterOf = ({ batchId: _b, offset: _o, limit: _l, ...f }: Record<string, unknown>) =>
    f as JobFilterArgs;
  return {
    studio: {
      'batch:get': async () => batchView(),
      'batch:inputs': async () => main.inputs,
      'jobs:page': async (a: { offset: number; limit: number } & Record<string, unknown>) => {
        if (main.hold) await main.hold;
        const f = filterOf(a);
        const list = Object.keys(f).length === 0 ? main.jobs : main.jobs.filter((j) => matches(j, f));
        const rows = list.slice(a.offset, a.offset + a.limit).map((j) => ({ ...j }));
        main.rowsSent += rows.length;
        return { total: list.length, rows };
      },
      'jobs:counts': async (a: Record<string, unknown>) => {
        const f = filterOf(a);
        const { states: _s, ...others } = f;
        const list = main.jobs.filter((j) => matches(j, f));
        const byInput = main.inputs
          .map((i) => ({ inputId: i.id, count: list.filter((j) => j.inputId === i.id).length }))
          .filter((r) => r.count > 0);
        return {
          total: list.length,
          byState: countsOf(main.jobs.filter((j) => matches(j, others))),
          byInput,
        };
      },
      'jobs:byIds': async ({ ids }: { ids: number[] }) =>
        ids.flatMap((id) => (main.jobs[id - 1] ? [{ ...main.jobs[id - 1]! }] : [])),
      on: (_name: string, listener: (p: JobsChanged) => void) => {
        main.listener = listener;
        return () => undefined;
      },
    },
  };
});

/** Changes jobs in "main" and sends the delta the change feed would. */
function change(ids: number[], patch: Partial<JobView>): void {
  for (const id of ids) main.jobs[id - 1] = { ...main.jobs[id - 1]!, ...patch };
  main.listener?.({ jobs: ids.map((id) => ({ ...main.jobs[id - 1]! })), batches: [batchView()] });
}

const store = () => useBatchStore.getState();
const heldJobs = () => [...store().pages.values()].reduce((n, p) => n + p.length, 0);

async function openReady(): Promise<void> {
  store().open(null);
  store().open('b1');
  await vi.waitFor(() => expect(store().load.status).toBe('ready'));
}

beforeEach(() => {
  main.inputs = Array.from({ length: INPUTS }, (_, k) => makeInput({ id: k + 1 }));
  // Input is the sweep's outermost axis: jobs of one input are contiguous in ordinal order.
  main.jobs = Array.from({ length: TOTAL }, (_, i) =>
    makeJob({
      id: i + 1,
      ordinal: i,
      inputId: Math.floor(i / (TOTAL / INPUTS)) + 1,
      style: STYLES[i % STYLES.length],
      seed: 100 + Math.floor(i / STYLES.length),
      prompt: `a lighthouse, variant ${i % 7}`,
      promptIndex: i % 7,
      state: 'pending',
    }),
  );
  main.rowsSent = 0;
  main.hold = null;
  store().setQuery({ filter: {}, grouped: false });
});

describe('a 100,000-job batch, windowed', () => {
  it('holds only the pages on screen, and counts come from main', async () => {
    await openReady();
    expect(store().counts?.total).toBe(TOTAL);
    expect(store().segments).toEqual([{ key: 'all', filter: {}, total: TOTAL, inputId: null }]);
    expect(heldJobs()).toBe(0);
    store().showPages([pageKey('all', 0), pageKey('all', 999)]);
    await vi.waitFor(() => expect(store().pages.size).toBe(2));
    expect(
      store()
        .pages.get('all#999')
        ?.map((j) => j.ordinal),
    ).toEqual(Array.from({ length: PAGE_SIZE }, (_, k) => 99_900 + k));
    expect(main.rowsSent).toBe(2 * PAGE_SIZE);
  });

  it('scrolling from top to bottom keeps at most 40 pages (4,000 jobs), the shown ones always', async () => {
    await openReady();
    for (let p = 0; p < TOTAL / PAGE_SIZE; p += 25) {
      const shown = [pageKey('all', p), pageKey('all', p + 1)];
      store().showPages(shown);
      await vi.waitFor(() => expect(shown.every((k) => store().pages.has(k))).toBe(true));
      expect(store().pages.size).toBeLessThanOrEqual(40);
    }
    expect(heldJobs()).toBeLessThanOrEqual(40 * PAGE_SIZE);
  });

  it('filters and groups in main: per-input segments, counts and pages agree with the whole list', async () => {
    await openReady();
    store().setQuery({ filter: { style: 'ANIME', promptContains: 'VARIANT 3' }, grouped: true });
    await vi.waitFor(() => expect(store().counts).not.toBeNull());
    const expected = main.jobs.filter((j) => j.style === 'ANIME' && j.prompt.includes('variant 3'));
    expect(store().counts?.total).toBe(expected.length);
    expect(store().segments.map((s) => [s.inputId, s.total])).toEqual(
      main.inputs.map((i) => [i.id, expected.filter((j) => j.inputId === i.id).length]),
    );
    const seg = store().segments[2]!;
    store().showPages([pageKey(seg.key, 1)]);
    await vi.waitFor(() => expect(store().pages.has(pageKey(seg.key, 1))).toBe(true));
    const mine = expected.filter((j) => j.inputId === seg.inputId);
    expect(
      store()
        .pages.get(pageKey(seg.key, 1))
        ?.map((j) => j.id),
    ).toEqual(mine.slice(PAGE_SIZE, 2 * PAGE_SIZE).map((j) => j.id));
  });

  it('a delta replaces held jobs only; jobs not held cost nothing; unfiltered counts follow the batch', async () => {
    await openReady();
    store().showPages([pageKey('all', 0)]);
    await vi.waitFor(() => expect(store().pages.has('all#0')).toBe(true));
    const page = store().pages.get('all#0')!;
    change([50_000], { state: 'processing' });
    expect(store().pages.get('all#0')).toBe(page);
    expect(store().counts?.byState.processing).toBe(1);
    change([2], { state: 'completed', hasThumbnail: true });
    const next = store().pages.get('all#0')!;
    expect(next[1]?.state).toBe('completed');
    expect(next[0]).toBe(page[0]);
    expect(store().counts?.byState.completed).toBe(1);
  });

  it('with a status filter, jobs moving in or out re-read the counts and the pages shown', async () => {
    await openReady();
    store().setQuery({ filter: { states: ['failed'] }, grouped: false });
    await vi.waitFor(() => expect(store().counts?.total).toBe(0));
    store().showPages([pageKey('all', 0)]);
    change([70_001, 3], { state: 'failed', errorMessage: 'boom' });
    await vi.waitFor(() => expect(store().counts?.total).toBe(2));
    await vi.waitFor(() =>
      expect(
        store()
          .pages.get('all#0')
          ?.map((j) => j.id),
      ).toEqual([3, 70_001]),
    );
    expect(store().counts?.byState.pending).toBe(TOTAL - 2);
  });

  it('a counts re-read that moves nothing keeps the segments (the grid keeps its layout)', async () => {
    await openReady();
    store().setQuery({ filter: { style: 'ANIME' }, grouped: true });
    await vi.waitFor(() => expect(store().segments).toHaveLength(INPUTS));
    const segments = store().segments;
    // A state change inside a style filter: the per-state counts change, the list does not.
    change([2], { state: 'completed', hasThumbnail: true });
    await vi.waitFor(() => expect(store().counts?.byState.completed).toBe(1));
    expect(store().segments).toBe(segments);
  });

  it('a delta that lands while a page is being read is applied to that page', async () => {
    await openReady();
    let release: () => void = () => {};
    main.hold = new Promise<void>((r) => {
      release = r;
    });
    store().showPages([pageKey('all', 0)]);
    // A delta arrives while the read is held; the read then answers with the older row (the job is
    // changed in the delta only), as a read that started before the change would.
    main.listener?.({
      jobs: [{ ...main.jobs[4]!, state: 'completed', hasThumbnail: true }],
      batches: [batchView()],
    });
    release();
    main.hold = null;
    await vi.waitFor(() => expect(store().pages.has('all#0')).toBe(true));
    expect(store().pages.get('all#0')?.[4]?.state).toBe('completed');
  });

  it('keeps pinned jobs and whole inputs live for the detail, compare and the matrix', async () => {
    await openReady();
    store().pin('detail', [99_999]);
    await vi.waitFor(() => expect(store().pinned[99_999]?.id).toBe(99_999));
    await store().loadInputJobs([2]);
    expect(store().inputJobs[2]).toHaveLength(TOTAL / INPUTS);
    change([99_999, 20_001], { state: 'failed' });
    expect(store().pinned[99_999]?.state).toBe('failed');
    expect(store().inputJobs[2]?.[0]?.state).toBe('failed');
    expect(store().findJob(20_001)?.state).toBe('failed');
    store().pin('detail', []);
    await vi.waitFor(() => expect(store().pinned[99_999]).toBeUndefined());
  });
});
