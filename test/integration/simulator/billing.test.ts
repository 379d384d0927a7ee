/**
 * The simulator bills like Segmind's table: COMPLETED is billed, FAILED and every error are not. The
 * price is reserved at submit (so concurrent submits cannot overdraw), charged at COMPLETED, released
 * at FAILED; 406 when the balance or the team spend limit cannot cover one more; `cost` and
 * `remaining_credits` on success only when asked for; and it counts what the client could learn.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type SimulatorHandle, startSimulator } from '../../../electron/simulator/server';
import { headers, params, post, sleep, sourcePng, submit, waitTerminal } from './sim-fixture';

let sim: SimulatorHandle | undefined;
let image: Buffer;
beforeAll(async () => {
  image = await sourcePng();
});
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function errorOf(res: Response): Promise<{ status: number; error: string }> {
  return { status: res.status, error: ((await res.json()) as { error: string }).error };
}

async function drained(s: SimulatorHandle): Promise<void> {
  for (let i = 0; i < 400 && s.stats().inFlight > 0; i++) await sleep(5);
  expect(s.stats().inFlight).toBe(0);
}

describe('simulator billing', () => {
  it('reserves at submit, refuses with 406 past the balance, releases FAILED jobs and charges COMPLETED ones', async () => {
    // Slow enough (median ~1.3 s) that the three jobs are still in flight when the fourth is refused.
    sim = await startSimulator({ latencyScale: 0.1, latencySigma: 0, credits: 0.3, faults: { failed: 1 } });
    const s = sim;
    const jobs = [];
    for (let seed = 100; seed < 103; seed++) jobs.push(await submit(s, params(image, { seed })));
    // 3 x $0.10 reserved: nothing is charged yet, but a 4th cannot be paid for.
    expect(s.stats().billing).toMatchObject({ reservedUsd: 0.3, chargedUsd: 0, balanceUsd: 0.3 });
    expect(await errorOf(await post(s, 'v2', params(image, { seed: 103 })))).toEqual({
      status: 406,
      error: 'Insufficient credits: balance $0.00, needed $0.10',
    });
    for (const job of jobs) expect((await waitTerminal(s, job.status_url)).body.status).toBe('FAILED');
    // FAILED is not billed: the reservations are released, the balance is whole again.
    expect(s.stats().billing).toMatchObject({
      billed: 0,
      notBilled: 3,
      reservedUsd: 0,
      balanceUsd: 0.3,
      refused: 1,
    });
    expect(s.stats().billing.outcomesSeen).toEqual({ billed: 0, notBilled: 3 });

    s.configure({ faults: { failed: 0 }, latencyScale: 0.002 });
    const paid = [];
    for (let seed = 200; seed < 203; seed++) paid.push(await submit(s, params(image, { seed })));
    for (const job of paid) expect((await waitTerminal(s, job.status_url)).body.status).toBe('COMPLETED');
    expect(s.credits()).toBe(0);
    expect(s.stats().billing).toMatchObject({ billed: 3, billedUsd: 0.3, chargedUsd: 0.3, reservedUsd: 0 });
    expect((await post(s, 'v1', params(image, { seed: 300 }))).status).toBe(406);
    s.configure({ credits: 0.1 }); // topping up
    expect((await post(s, 'v1', params(image, { seed: 300 }))).status).toBe(200);
    expect(s.credits()).toBe(0);
  });

  it('refuses past the team spend limit, counting charges and reservations', async () => {
    sim = await startSimulator({ latencyScale: 0.002, teamSpendLimitUsd: 0.2, priceUsd: 0.1 });
    const s = sim;
    const a = await submit(s, params(image, { seed: 100 }));
    const b = await submit(s, params(image, { seed: 101 }));
    const refused = await errorOf(await post(s, 'v2', params(image, { seed: 102 })));
    expect(refused.status).toBe(406);
    expect(refused.error).toBe(
      'Team spend limit reached: limit $0.20, spent or reserved $0.20, needed $0.10',
    );
    await waitTerminal(s, a.status_url);
    await waitTerminal(s, b.status_url);
    await drained(s);
    // Charged now instead of reserved: still at the limit.
    expect(s.stats().billing).toMatchObject({ chargedUsd: 0.2, reservedUsd: 0 });
    expect((await post(s, 'v2', params(image, { seed: 102 }))).status).toBe(406);
    s.configure({ teamSpendLimitUsd: 0.3 });
    expect((await post(s, 'v2', params(image, { seed: 102 }))).status).toBe(200);
  });

  it('puts cost and remaining_credits on a completed result only when billingFields is on', async () => {
    sim = await startSimulator({ latencyScale: 0.002, credits: 5, priceUsd: 0.08 });
    const s = sim;
    const resultOf = async (seed: number) => {
      const job = await submit(s, params(image, { seed }));
      await waitTerminal(s, job.status_url);
      return (await (await fetch(job.response_url, { headers: headers(s) })).json()) as Record<
        string,
        unknown
      >;
    };
    const plain = await resultOf(100);
    expect(plain.status).toBe('COMPLETED');
    expect(plain).not.toHaveProperty('cost');
    expect(plain).not.toHaveProperty('remaining_credits');
    s.configure({ billingFields: true });
    const billed = await resultOf(101);
    expect(billed).toMatchObject({ status: 'COMPLETED', cost: 0.08, remaining_credits: 4.84 });
    // A failure never carries them.
    s.configure({ faults: { failed: 1 } });
    const failed = await submit(s, params(image, { seed: 102 }));
    const terminal = await waitTerminal(s, failed.status_url);
    expect(terminal.http).toBe(422);
    expect(terminal.body).not.toHaveProperty('cost');
  });

  it('counts a submit whose 200 never arrives whole as ambiguous, and outcomes the client saw', async () => {
    sim = await startSimulator({ latencyScale: 0.002, faults: { truncatedBody: 1 } });
    const s = sim;
    const res = await post(s, 'v2', params(image, { seed: 100 }));
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow(); // the body is cut short
    await drained(s);
    await sleep(20);
    // The job ran and was billed, but the client never learnt its id.
    expect(s.stats().billing).toMatchObject({
      billed: 1,
      ambiguousSubmits: 1,
      outcomesSeen: { billed: 0, notBilled: 0 },
      outcomesUnseen: 0,
    });

    s.configure({ faults: { truncatedBody: 0 } });
    const seen = await submit(s, params(image, { seed: 101 }));
    await submit(s, params(image, { seed: 102 })); // never polled
    await waitTerminal(s, seen.status_url);
    await drained(s);
    await sleep(20);
    expect(s.stats().billing).toMatchObject({
      billed: 3,
      ambiguousSubmits: 1,
      outcomesSeen: { billed: 1, notBilled: 0 },
      outcomesUnseen: 1,
    });
  });
});
