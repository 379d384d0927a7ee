/**
 * Contract handlers for the `engine:` domain: halt and concurrency status, changing the concurrency
 * (saved as the setting, see ServiceContext.setConcurrency), and resuming after a halt.
 */
import type { Handlers, MethodsOf } from '../dispatcher';
import type { ServiceContext } from '../service-context';

export function engineHandlers(ctx: ServiceContext): Pick<Handlers, MethodsOf<'engine'>> {
  return {
    'engine:status': () => ctx.engineStatus(),
    'engine:setConcurrency': ({ limit }) => ctx.setConcurrency(limit),
    'engine:resumeAfterHalt': () => {
      ctx.engine().reopenAfterHalt();
      const status = ctx.engineStatus();
      ctx.emit('engine:status', status);
      return status;
    },
  };
}
