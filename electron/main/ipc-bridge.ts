/**
 * The main-process half of the Electron bridge: one `ipcMain.handle` per contract method, each going
 * through the same dispatcher (and so the same zod validation) as web mode, and contract events
 * forwarded to the window. Takes its Electron objects as parameters so a test can drive it.
 */

import { EVENT_NAMES, METHOD_NAMES } from '@shared/contract';
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { Dispatch } from '../service/dispatcher';
import type { StudioService } from '../service/studio-service';

/**
 * Registers every contract method; returns a function that removes the handlers and listeners.
 * `trusted` vets each call's sender (Electron's "validate the sender of all IPC messages"): calls it
 * refuses get an error outcome and never reach a handler. Default: every sender is trusted (tests).
 */
export function registerIpcBridge(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  dispatch: Dispatch,
  service: Pick<StudioService, 'on'>,
  target: () => Pick<WebContents, 'send' | 'isDestroyed'> | null,
  trusted: (event: IpcMainInvokeEvent) => boolean = () => true,
): () => void {
  for (const name of METHOD_NAMES) {
    ipcMain.handle(name, (event, args) =>
      trusted(event)
        ? dispatch(name, args)
        : {
            ok: false,
            error: { code: 'internal', message: `${name}: refused a call from an untrusted frame` },
          },
    );
  }
  const offs = EVENT_NAMES.map((name) =>
    service.on(name, (payload) => {
      const contents = target();
      if (contents && !contents.isDestroyed()) contents.send(name, payload);
    }),
  );
  return () => {
    for (const name of METHOD_NAMES) ipcMain.removeHandler(name);
    for (const off of offs) off();
  };
}
