import { describe, expect, it } from 'vitest';
import { CONTENT_BLOCK_REASONS, FaultPlan, unitFrom } from '../../../electron/simulator/fault-plan';
import { NO_FAULTS } from '../../../electron/simulator/options';

const FP = 'a3f1c2d4e5b6978812345678abcdef0123456789abcdef0123456789abcdef01';

describe('fault plan', () => {
  it('unitFrom is deterministic, in [0, 1), and spreads evenly', () => {
    expect(unitFrom(1, 2, 3)).toBe(unitFrom(1, 2, 3));
    expect(unitFrom(1, 2, 3)).not.toBe(unitFrom(1, 2, 4));
    const draws = Array.from({ length: 10_000 }, (_, i) => unitFrom(7, i));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
  });

  it('no faults configured means every request is clean', () => {
    const plan = new FaultPlan(1, NO_FAULTS);
    for (let i = 0; i < 100; i++) {
      const t = plan.nextTicket();
      expect(plan.transport(t)).toEqual({ kind: 'none' });
      expect(plan.delivery(t)).toBe('normal');
      expect(plan.burst(t)).toBeNull();
    }
    expect(plan.jobFaults(FP, 0)).toEqual({ failReason: null, expireEarly: false });
  });

  it('rates are honoured roughly and the same seed replays the same sequence', () => {
    const faults = { ...NO_FAULTS, serverError: 0.3 };
    const run = (seed: number) => {
      const plan = new FaultPlan(seed, faults);
      return Array.from({ length: 2000 }, () => plan.transport(plan.nextTicket()).kind);
    };
    const a = run(5);
    expect(run(5)).toEqual(a);
    expect(run(6)).not.toEqual(a);
    const rate = a.filter((k) => k === 'serverError').length / a.length;
    expect(rate).toBeGreaterThan(0.25);
    expect(rate).toBeLessThan(0.35);
  });

  it('job faults depend on fingerprint and attempt, not on request order', () => {
    const plan = new FaultPlan(3, { ...NO_FAULTS, failed: 0.5 });
    const first = plan.jobFaults(FP, 0);
    plan.nextTicket();
    expect(plan.jobFaults(FP, 0)).toEqual(first);
    const outcomes = new Set(
      Array.from({ length: 40 }, (_, attempt) => plan.jobFaults(FP, attempt).failReason),
    );
    expect(outcomes.has(null)).toBe(true);
    expect([...outcomes].some((r) => r !== null && CONTENT_BLOCK_REASONS.includes(r as never))).toBe(true);
  });

  it('latency normals are deterministic per fingerprint and attempt, and roughly standard', () => {
    const plan = new FaultPlan(1, NO_FAULTS);
    expect(plan.latencyNormal(FP, 0)).toBe(plan.latencyNormal(FP, 0));
    expect(plan.latencyNormal(FP, 0)).not.toBe(plan.latencyNormal(FP, 1));
    const z = Array.from({ length: 4000 }, (_, i) => plan.latencyNormal(FP, i));
    const mean = z.reduce((a, b) => a + b, 0) / z.length;
    const sd = Math.sqrt(z.reduce((a, b) => a + (b - mean) ** 2, 0) / z.length);
    expect(Math.abs(mean)).toBeLessThan(0.1);
    expect(sd).toBeGreaterThan(0.9);
    expect(sd).toBeLessThan(1.1);
  });
});
