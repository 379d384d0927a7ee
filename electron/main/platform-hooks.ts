/**
 * What only the desktop can do for the service: native folder and PNG pickers and revealing or opening
 * a file with the system's own apps. Web mode has none of these and its handlers say so.
 */
import { dialog, shell } from 'electron';
import type { StudioServiceOptions } from '../service/studio-service';

export type DesktopHooks = NonNullable<StudioServiceOptions['platform']>;

export function desktopHooks(): DesktopHooks {
  return {
    pickFolder: async (purpose) => {
      const result = await dialog.showOpenDialog({
        title: purpose === 'inputs' ? 'Choose images or folders' : 'Choose the output folder',
        properties:
          purpose === 'inputs'
            ? ['openDirectory', 'openFile', 'multiSelections']
            : ['openDirectory', 'createDirectory'],
      });
      return result.canceled ? null : result.filePaths;
    },
    pickPng: async () => {
      const result = await dialog.showOpenDialog({
        title: 'Open a PNG to re-run',
        properties: ['openFile'],
        filters: [{ name: 'PNG images', extensions: ['png'] }],
      });
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    reveal: async (path, open) => {
      // openPath answers an error message, '' on success.
      if (open) return (await shell.openPath(path)) === '';
      shell.showItemInFolder(path);
      return true;
    },
  };
}
