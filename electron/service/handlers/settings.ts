/**
 * Contract handlers for the `settings:` domain: read and change the studio's defaults, and store or
 * forget the Segmind key (which switches backend). A concurrency, request-budget or outage-limit
 * change is applied to the running engine at once.
 */
import type { Handlers, MethodsOf } from '../dispatcher';
import type { ServiceContext } from '../service-context';
import { touchesSpend } from '../settings';

export function settingsHandlers(ctx: ServiceContext): Pick<Handlers, MethodsOf<'settings'>> {
  const settingsView = () => ctx.settings.view(ctx.backend());
  return {
    'settings:get': () => settingsView(),
    'settings:update': (patch) => {
      ctx.settings.update(patch);
      if (patch.defaultConcurrency !== undefined) ctx.setConcurrency(patch.defaultConcurrency);
      if (patch.requestsPerMinute !== undefined || patch.offlineFailAfterMin !== undefined)
        ctx.applyNetworkSettings();
      // A raised cap or a lower price may let batches paused at a cap go on.
      if (touchesSpend(patch)) ctx.engine().spendSettingsChanged();
      return settingsView();
    },
    'settings:setApiKey': async ({ apiKey }) => {
      ctx.settings.keyStore.save(apiKey?.trim() || null);
      await ctx.switchBackend();
      return settingsView();
    },
  };
}
