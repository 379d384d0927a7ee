/**
 * Building blocks for the one renderer <-> main contract: a method is a zod schema for its single
 * argument object plus a phantom result type; an event is a phantom payload type. Both bridges and the
 * main-process dispatcher are derived from a declaration built with these.
 */
import type { z } from 'zod';
import type { ContractError } from './errors';

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

/** What a call comes back as: its value, or a contract error as data. */
export type Outcome<R> = { ok: true; value: R } | { ok: false; error: ContractError };
