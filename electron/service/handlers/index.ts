/**
 * Every contract handler, one map per domain of shared/contract/api.ts merged into the dispatcher's
 * `Handlers` (a method missing here is a type error).
 */
import type { Handlers } from '../dispatcher';
import type { ServiceContext } from '../service-context';
import { appHandlers } from './app';
import { batchHandlers } from './batch';
import { engineHandlers } from './engine';
import { gridsHandlers } from './grids';
import { historyHandlers } from './history';
import { inputsHandlers } from './inputs';
import { jobHandlers } from './jobs';
import { ledgerHandlers } from './ledger';
import { matrixHandlers } from './matrix';
import { pngHandlers } from './png';
import { ratingsHandlers } from './ratings';
import { settingsHandlers } from './settings';
import { sweepHandlers } from './sweep';

export function createHandlers(ctx: ServiceContext): Handlers {
  return {
    ...appHandlers(ctx),
    ...settingsHandlers(ctx),
    ...inputsHandlers(ctx),
    ...sweepHandlers(ctx),
    ...batchHandlers(ctx),
    ...jobHandlers(ctx),
    ...engineHandlers(ctx),
    ...historyHandlers(ctx),
    ...matrixHandlers(ctx),
    ...ratingsHandlers(ctx),
    ...gridsHandlers(ctx),
    ...ledgerHandlers(ctx),
    ...pngHandlers(ctx),
  };
}
