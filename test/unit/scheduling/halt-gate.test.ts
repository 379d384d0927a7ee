import {
  canPoll,
  canSubmit,
  createHaltGate,
  type HaltGate,
  recordHalt,
  reopenGate,
} from '@shared/scheduling';
import { describe, expect, it } from 'vitest';

describe('halt gate', () => {
  it('is open at first, closes on the first halt answer and keeps its time', () => {
    const open = createHaltGate();
    expect(canSubmit(open)).toBe(true);
    expect(canPoll(open)).toBe(true);
    const halted = recordHalt(open, { reason: 'credits', nowMs: 100 });
    expect(canSubmit(halted)).toBe(false);
    expect(halted).toMatchObject({ state: 'halted', reason: 'credits', sinceMs: 100, laterAnswers: 0 });
    expect(halted.state === 'halted' && halted.message).toMatch(/credits ran out/);
    expect(open.state).toBe('open');
  });

  it('lets in-flight jobs keep polling when credits ran out but not with a bad key or forbidden', () => {
    expect(canPoll(recordHalt(createHaltGate(), { reason: 'credits', nowMs: 0 }))).toBe(true);
    expect(canPoll(recordHalt(createHaltGate(), { reason: 'auth', nowMs: 0 }))).toBe(false);
    expect(canPoll(recordHalt(createHaltGate(), { reason: 'forbidden', nowMs: 0 }))).toBe(false);
  });

  it('counts later answers and escalates to a more severe reason only', () => {
    let gate: HaltGate = recordHalt(createHaltGate(), { reason: 'credits', nowMs: 0, message: 'custom' });
    gate = recordHalt(gate, { reason: 'credits', nowMs: 5 });
    gate = recordHalt(gate, { reason: 'auth', nowMs: 6 });
    expect(gate).toMatchObject({ reason: 'auth', sinceMs: 0, laterAnswers: 2 });
    gate = recordHalt(gate, { reason: 'forbidden', nowMs: 7 });
    expect(gate).toMatchObject({ reason: 'auth', laterAnswers: 3 });
    expect(gate.state === 'halted' && gate.message).toMatch(/API key/);
  });

  it('spends at most `concurrency` requests after the first halt answer in an engine-like loop', () => {
    const concurrency = 4;
    let gate = createHaltGate();
    let inFlight = 0;
    let sentAfterHalt = 0;
    // Every submit is answered 406 after one tick; the engine submits while the gate is open.
    const answersDue: number[] = [];
    for (let tick = 0; tick < 50; tick++) {
      for (const _ of answersDue.splice(0)) {
        inFlight--;
        gate = recordHalt(gate, { reason: 'credits', nowMs: tick });
      }
      while (canSubmit(gate) && inFlight < concurrency) {
        inFlight++;
        answersDue.push(tick);
        if (gate.state === 'halted') sentAfterHalt++;
      }
    }
    expect(gate).toMatchObject({ state: 'halted', laterAnswers: concurrency - 1 });
    expect(sentAfterHalt).toBe(0);
  });

  it('reopens on resume', () => {
    const gate = reopenGate(recordHalt(createHaltGate(), { reason: 'auth', nowMs: 0 }));
    expect(canSubmit(gate)).toBe(true);
    expect(canPoll(gate)).toBe(true);
  });
});
