/** Contract handlers for the `history:` domain: full-text search over every batch's prompts. */
import type { Handlers, MethodsOf } from '../dispatcher';
import type { ServiceContext } from '../service-context';

export function historyHandlers(ctx: ServiceContext): Pick<Handlers, MethodsOf<'history'>> {
  return {
    'history:search': ({ text, limit }) => ctx.journal.prompts.search(text, limit),
  };
}
