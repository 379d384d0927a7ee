/**
 * The main-process side of the contract: validates each call's single argument with the method's zod
 * schema, runs its handler, and turns every failure into `{ code, message }` data. Both the Electron
 * IPC shell and the web-mode server call `dispatch`, so validation is identical across bridges.
 */
import {
  type MethodName,
  type MethodResult,
  type Outcome,
  ServiceError,
  type StudioApi,
  studioApi,
} from '@shared/contract';
import type { z } from 'zod';

/** Every contract method's handler, typed from the contract; each domain's file supplies a part. */
export type Handlers = {
  [M in MethodName]: (args: z.output<StudioApi[M]['args']>) => Promise<MethodResult<M>> | MethodResult<M>;
};

/** The methods of one contract domain: `MethodsOf<'batch'>` is `'batch:create' | 'batch:list' | …`. */
export type MethodsOf<D extends string> = Extract<MethodName, `${D}:${string}`>;

export type Dispatch = (method: string, rawArgs: unknown) => Promise<Outcome<unknown>>;

/** Builds the dispatcher; `logError` receives unexpected errors with their stacks (never sent out). */
export function createDispatcher(
  handlers: Handlers,
  logError: (err: unknown, method: string) => void,
): Dispatch {
  return async (method, rawArgs) => {
    if (!Object.hasOwn(studioApi, method)) {
      return { ok: false, error: { code: 'not_found', message: `unknown method ${JSON.stringify(method)}` } };
    }
    const name = method as MethodName;
    const parsed = studioApi[name].args.safeParse(rawArgs ?? {});
    if (!parsed.success) {
      const message = parsed.error.issues
        .map((i) => `${i.path.map(String).join('.') || 'args'}: ${i.message}`)
        .join('; ');
      return { ok: false, error: { code: 'invalid_input', message: `${name}: ${message}` } };
    }
    try {
      const handler = handlers[name] as (args: unknown) => unknown;
      return { ok: true, value: await handler(parsed.data) };
    } catch (err) {
      if (err instanceof ServiceError) return { ok: false, error: { code: err.code, message: err.message } };
      logError(err, name);
      return {
        ok: false,
        error: { code: 'internal', message: `${name} failed unexpectedly (details in the log)` },
      };
    }
  };
}
