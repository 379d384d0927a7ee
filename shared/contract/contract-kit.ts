/**
 * Building blocks for the one renderer <-> main contract: a method is a zod schema for its single
 * argument object plus a phantom result type; an event is a phantom payload type. Both bridges and the
 * main-process dispatcher are derived from a declaration built with these.
 */
import type { z } from 'zod';

export interface MethodSpec<A extends z.ZodType, R> {
  readonly args: A;
  /** Phantom: carries the result type only. */
  readonly result?: R;
}

/** Declares a contract method taking one argument object validated by `args`. */
export function method<R>() {
  return <A extends z.ZodType>(args: A): MethodSpec<A, R> => ({ args });
}

/** Declares an event by its payload type. */
export function event<P>(): { readonly payload?: P } {
  return {};
}

/** Errors cross the boundary as data, never as thrown stacks. */
export const ERROR_CODES = ['invalid_input', 'not_found', 'auth', 'credits', 'conflict', 'internal'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ContractError {
  code: ErrorCode;
  message: string;
}

export type Outcome<R> = { ok: true; value: R } | { ok: false; error: ContractError };

/** Thrown on the renderer side when a call comes back `{ ok: false }`. */
export class StudioApiError extends Error {
  readonly code: ErrorCode;
  constructor(error: ContractError) {
    super(error.message);
    this.name = 'StudioApiError';
    this.code = error.code;
  }
}
