/**
 * The desktop KeyStore: the Segmind key encrypted with Electron's safeStorage (OS keychain / DPAPI /
 * libsecret) in a file of its own in the user-data folder — never in SQLite, logs or errors. Where the
 * OS offers no encryption the key is kept in memory only, and the settings screen says so.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { safeStorage } from 'electron';
import { createMemoryKeyStore, type KeyStore } from '../service/key-store';

export function createSafeKeyStore(userDataDir: string): KeyStore {
  // On Linux without a keyring, safeStorage "encrypts" with a fixed built-in password: no protection.
  const plaintextBackend =
    process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text';
  if (!safeStorage.isEncryptionAvailable() || plaintextBackend) return createMemoryKeyStore();
  const file = join(userDataDir, 'segmind-key.bin');
  return {
    kind: 'safe-storage',
    load() {
      if (!existsSync(file)) return null;
      try {
        return safeStorage.decryptString(readFileSync(file));
      } catch {
        return null;
      }
    },
    save(key) {
      if (key === null) rmSync(file, { force: true });
      else writeFileSync(file, safeStorage.encryptString(key), { mode: 0o600 });
    },
  };
}
