/**
 * The account-wide stop switch. The first 401/403/406 answer closes the gate: no new submit starts
 * after it, so at most the requests already in flight at that moment (at most `concurrency`) are
 * spent after the first halt answer. Jobs not yet submitted stay pending; reopening (the user fixed
 * the key or topped up) lets the engine continue where it stopped.
 */
import { type HaltReason, haltMessage } from './error-policy';

export type HaltGate =
  | { readonly state: 'open' }
  | {
      readonly state: 'halted';
      readonly reason: HaltReason;
      readonly message: string;
      /** When the first halt answer arrived. */
      readonly sinceMs: number;
      /** Further halt answers received while halted (requests that were already in flight). */
      readonly laterAnswers: number;
    };

export interface HaltEvent {
  reason: HaltReason;
  nowMs: number;
  /** Shown to the user; defaults to `haltMessage(reason)`. */
  message?: string;
}

/** Why a bad key beats a forbidden model beats empty credits: the stronger reason also stops polls. */
const SEVERITY: Readonly<Record<HaltReason, number>> = { credits: 1, forbidden: 2, auth: 3 };

/** An open gate. */
export function createHaltGate(): HaltGate {
  return { state: 'open' };
}

/**
 * Records a halt answer. The first one closes the gate and keeps its time. Later answers are counted;
 * a more severe reason (auth > forbidden > credits) replaces the shown reason, since it also means
 * polling must stop.
 */
export function recordHalt(gate: HaltGate, event: HaltEvent): HaltGate {
  const message = event.message ?? haltMessage(event.reason);
  if (gate.state === 'open') {
    return { state: 'halted', reason: event.reason, message, sinceMs: event.nowMs, laterAnswers: 0 };
  }
  const escalate = SEVERITY[event.reason] > SEVERITY[gate.reason];
  return {
    ...gate,
    reason: escalate ? event.reason : gate.reason,
    message: escalate ? message : gate.message,
    laterAnswers: gate.laterAnswers + 1,
  };
}

/** New submits may start only while the gate is open. */
export function canSubmit(gate: HaltGate): boolean {
  return gate.state === 'open';
}

/**
 * Whether jobs already in flight may keep polling. Out of credits: yes (status and result requests
 * cost no credits, and those results are already paid for). Bad key or forbidden: no, every poll
 * would be refused too; the jobs keep their request ids and polling resumes after `reopenGate`.
 */
export function canPoll(gate: HaltGate): boolean {
  return gate.state === 'open' || gate.reason === 'credits';
}

/** The user fixed the cause and resumed: open the gate again. */
export function reopenGate(_gate: HaltGate): HaltGate {
  return { state: 'open' };
}
