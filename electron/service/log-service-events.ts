/**
 * Ties the main-process log to the running service: keeps the log's scrub list on the live key and
 * records backend switches and halts (without their keys).
 */
import type { StudioLogger } from '../log/logger';
import { resolveApiKey } from './api-key';
import type { StudioService } from './studio-service';

/** Keeps the scrub list on the live key and logs backend switches and halts (without their keys). */
export function logServiceEvents(logger: StudioLogger, service: Pick<StudioService, 'on' | 'backend'>) {
  // The environment's key, even while a test or override points the backend elsewhere.
  logger.setSecret(resolveApiKey().key);
  logger.setSecret(service.backend().apiKey);
  const offs = [
    service.on('backend:changed', (info) => {
      logger.setSecret(service.backend().apiKey);
      logger.info({ backend: info.backend, baseUrl: info.baseUrl }, 'backend changed');
    }),
    service.on('engine:status', (status) => {
      if (status.halt.state === 'halted') logger.warn({ halt: status.halt }, 'engine halted');
    }),
  ];
  return () => {
    for (const off of offs) off();
  };
}
