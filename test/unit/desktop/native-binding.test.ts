/** Which better-sqlite3 binary the shell asks for, per runtime. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronNativeBindingPath, nativeBindingFor } from '../../../electron/launch/native-binding';

describe('nativeBindingFor', () => {
  it('points an unpackaged Electron run at the cached Electron-ABI build', () => {
    expect(nativeBindingFor({ electronVersion: '39.8.10', isPackaged: false, appPath: '/repo' })).toBe(
      join(
        '/repo',
        '.cache',
        'electron-native',
        `39.8.10-${process.platform}-${process.arch}`,
        'better_sqlite3.node',
      ),
    );
    expect(electronNativeBindingPath('/repo', '39.8.10', 'win32', 'arm64')).toMatch(/39\.8\.10-win32-arm64/);
  });

  it('uses node_modules on plain Node (the shell under its double) and in a packaged app', () => {
    expect(
      nativeBindingFor({ electronVersion: undefined, isPackaged: false, appPath: '/repo' }),
    ).toBeUndefined();
    expect(
      nativeBindingFor({ electronVersion: '39.8.10', isPackaged: true, appPath: '/app.asar' }),
    ).toBeUndefined();
  });
});
