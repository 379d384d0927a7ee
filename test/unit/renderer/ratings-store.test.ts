/**
 * Rating from the renderer: the batch store shows the patch at once, then main's rows; a refusal
 * re-reads the batch and rethrows. The studio client is stubbed.
 */
import type { JobView } from '@shared/contract';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { makeJobs } from './job-fixture';

const calls: unknown[] = [];
const answer: { jobs: JobView[] } | Error = { jobs: [] };
let reply: { jobs: JobView[] } | Error = answer;
vi.mock('../../../renderer/src/api/studio-api', () => ({
  studio: {
    'ratings:set': async (args: unknown) => {
      calls.push(args);
      if (reply instanceof Error) throw reply;
      return reply;
    },
  },
}));

const { useBatchStore } = await import('../../../renderer/src/stores/batch-store');
const { useRatings } = await import('../../../renderer/src/stores/ratings-store');
/** The jobs held on the grid's first page (the windowed store holds pages, not the whole batch). */
const held = () => useBatchStore.getState().pages.get('all#0')!;

describe('ratings store', () => {
  beforeEach(() => {
    calls.length = 0;
    useBatchStore.setState({
      batchId: 'b1',
      pages: new Map([['all#0', makeJobs(3)]]),
      load: { status: 'ready' },
    });
  });

  it('shows the rating at once and then main’s rows', async () => {
    const jobs = held();
    reply = { jobs: [{ ...jobs[1]!, flag: 'pick', stars: 2 }] };
    const pending = useRatings.getState().rate([jobs[1]!], { flag: 'pick' });
    expect(held()[1]).toMatchObject({ flag: 'pick', stars: 0 });
    await pending;
    expect(calls).toEqual([{ jobIds: [2], flag: 'pick' }]);
    expect(held()[1]).toMatchObject({ flag: 'pick', stars: 2 });
    expect(held()[0]).toBe(jobs[0]);
  });

  it('rethrows main’s refusal after asking the batch store to re-read', async () => {
    const resnapshot = vi.fn(async () => {});
    useBatchStore.setState({ resnapshot });
    reply = new Error('no such job');
    await expect(useRatings.getState().rate(held(), { stars: 3 })).rejects.toThrow('no such job');
    expect(resnapshot).toHaveBeenCalledTimes(1);
  });
});
