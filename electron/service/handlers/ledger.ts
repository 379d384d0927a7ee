/**
 * Contract handlers for the `ledger:` domain: this month's money on the backend in use (Settings),
 * with today's billed dollars next to the daily and monthly caps.
 */
import { spendPeriodStarts } from '@shared/economics';
import type { Handlers, MethodsOf } from '../dispatcher';
import type { ServiceContext } from '../service-context';

export function ledgerHandlers(ctx: ServiceContext): Pick<Handlers, MethodsOf<'ledger'>> {
  return {
    'ledger:month': () => {
      const engine = ctx.engine();
      const settings = ctx.settings.get();
      const starts = spendPeriodStarts(Date.now());
      return {
        backend: engine.backend,
        since: starts.month,
        ledger: engine.periodLedger(starts.month),
        todayUsd: engine.periodLedger(starts.day).billedUsd,
        dailyCapUsd: settings.dailyCapUsd,
        monthlyCapUsd: settings.monthlyCapUsd,
      };
    },
  };
}
