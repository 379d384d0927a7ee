/**
 * Contract handlers for the `app:` and `backend:` domains: what this studio is (version, shell, data
 * folder, which backend) and whether that backend answers.
 */
import type { Handlers, MethodsOf } from '../dispatcher';
import type { ServiceContext } from '../service-context';

export function appHandlers(ctx: ServiceContext): Pick<Handlers, MethodsOf<'app' | 'backend'>> {
  return {
    'app:info': () => ctx.info(),
    'backend:health': () => ctx.backend().health(),
  };
}
