/**
 * What the parts of one Electron double share: its options, whether `ready` has fired, the open
 * windows, how the app ended, and a log of the calls a test asserts on.
 */
import type { WindowDouble } from './windows';

export interface ElectronDoubleOptions {
  /** The app folder (package.json: name, productName, version). */
  appPath: string;
  /** `app.getPath` answers; at least `appData` (userData defaults to `<appData>/<app name>`). */
  paths: Record<string, string>;
  /** `app.isPackaged`. Default false. */
  isPackaged?: boolean;
  /** Another instance already holds the single-instance lock. Default false. */
  anotherInstanceHoldsLock?: boolean;
  /** The OS keychain's secret behind safeStorage; the same value "survives" a restart. Default random. */
  keychainSecret?: Buffer;
  /** safeStorage backend on Linux after ready. Default 'gnome_libsecret'; 'basic_text' = no keyring. */
  storageBackend?: 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6';
  /** No OS encryption at all (isEncryptionAvailable stays false). Default false. */
  noEncryption?: boolean;
  /** `Notification.isSupported()`. Default true. */
  notificationsSupported?: boolean;
}

export interface CallRecord {
  api: string;
  args: unknown[];
  at: number;
}

export class DoubleState {
  ready = false;
  quitting = false;
  exitCode: number | null = null;
  readonly windows: WindowDouble[] = [];
  readonly calls: CallRecord[] = [];
  readonly lockRequests: (Record<string, unknown> | null)[] = [];
  private exitResolve!: (code: number) => void;
  /** Resolves with the exit code once the app has quit or exited. */
  readonly exited = new Promise<number>((resolve) => {
    this.exitResolve = resolve;
  });

  constructor(readonly options: ElectronDoubleOptions) {}

  record(api: string, ...args: unknown[]): void {
    this.calls.push({ api, args, at: Date.now() });
  }

  callsTo(api: string): unknown[][] {
    return this.calls.filter((c) => c.api === api).map((c) => c.args);
  }

  requireReady(what: string): void {
    if (!this.ready) throw new Error(`${what} cannot be used before the app's 'ready' event`);
  }

  finish(code: number): void {
    this.exitCode = code;
    this.exitResolve(code);
  }
}
