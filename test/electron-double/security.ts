/**
 * `safeStorage` and `session` doubles. safeStorage encrypts with a key held by the "OS keychain" (the
 * double's `keychainSecret`, so a restarted app can decrypt what it stored), is unavailable until
 * `ready` on Linux and Windows, reports its Linux backend ('unknown' before ready), and refuses to
 * decrypt what it did not encrypt. `session.defaultSession` exists only after ready; without a
 * permission handler Electron grants every permission, which is what the control methods report.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { DoubleState } from './state';

const PREFIX = Buffer.from('v10');

export function createSafeStorage(state: DoubleState) {
  const key = createHash('sha256')
    .update(state.options.keychainSecret ?? randomBytes(32))
    .digest();
  const available = () => state.ready && !state.options.noEncryption;
  return {
    isEncryptionAvailable: available,
    isAsyncEncryptionAvailable: async () => available(),
    getSelectedStorageBackend: () =>
      state.ready ? (state.options.storageBackend ?? 'gnome_libsecret') : 'unknown',
    setUsePlainTextEncryption: (_usePlainText: boolean) => {},
    encryptString(plainText: string): Buffer {
      if (!available()) {
        throw new Error(
          'Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.',
        );
      }
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
      return Buffer.concat([PREFIX, iv, cipher.getAuthTag(), body]);
    },
    decryptString(encrypted: Buffer): string {
      if (!available()) {
        throw new Error(
          'Error while decrypting the ciphertext provided to safeStorage.decryptString. Decryption is not available.',
        );
      }
      try {
        if (!encrypted.subarray(0, 3).equals(PREFIX)) throw new Error('no prefix');
        const iv = encrypted.subarray(3, 15);
        const tag = encrypted.subarray(15, 31);
        const decipher = createDecipheriv('aes-256-gcm', key, iv);
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(encrypted.subarray(31)), decipher.final()]).toString('utf8');
      } catch {
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      }
    },
  };
}

type RequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: unknown,
) => void;
type CheckHandler = (contents: unknown, permission: string, origin: string, details: unknown) => boolean;

export class SessionDouble {
  requestHandler: RequestHandler | null = null;
  checkHandler: CheckHandler | null = null;
  readonly webRequest = {
    headersReceived: null as unknown,
    onHeadersReceived: (listener: unknown) => {
      this.webRequest.headersReceived = listener;
    },
  };

  setPermissionRequestHandler(handler: RequestHandler | null): void {
    this.requestHandler = handler;
  }

  setPermissionCheckHandler(handler: CheckHandler | null): void {
    this.checkHandler = handler;
  }

  /** Control: a page asks for `permission`; resolves with Electron's answer. */
  requestPermission(contents: unknown, permission: string): Promise<boolean> {
    const handler = this.requestHandler;
    if (!handler) return Promise.resolve(true);
    return new Promise((resolve) => handler(contents, permission, resolve, { requestingUrl: 'file:///' }));
  }

  /** Control: a page checks `permission` synchronously. */
  checkPermission(contents: unknown, permission: string, origin = 'file:///'): boolean {
    return this.checkHandler ? this.checkHandler(contents, permission, origin, {}) : true;
  }
}

export function createSessionModule(state: DoubleState) {
  const defaultSession = new SessionDouble();
  return {
    get defaultSession(): SessionDouble {
      state.requireReady('session.defaultSession');
      return defaultSession;
    },
    /** Control access that skips the ready check. */
    peek: defaultSession,
  };
}
