/**
 * The `app` double: lifecycle (ready, whenReady, quit sequence, exit), single-instance lock, paths, name
 * and version read from the app's package.json, about-panel options and the Windows AppUserModelID,
 * following Electron's documented order: `before-quit` -> every window's `close` -> `will-quit` ->
 * `quit`, each vetoable, and `window-all-closed` only when the last window closes outside a quit.
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ElectronEvent, emitPreventable } from './events';
import type { DoubleState } from './state';

/** The names `app.getPath` accepts (electron.d.ts). */
const PATH_NAMES = [
  'home',
  'appData',
  'assets',
  'userData',
  'sessionData',
  'temp',
  'exe',
  'module',
  'desktop',
  'documents',
  'downloads',
  'music',
  'pictures',
  'videos',
  'recent',
  'logs',
  'crashDumps',
] as const;

export class AppDouble extends EventEmitter {
  private readyResolve!: () => void;
  private readonly readyPromise = new Promise<void>((resolve) => {
    this.readyResolve = resolve;
  });
  private readonly pkg: { name: string; productName?: string; version: string };
  private readonly paths = new Map<string, string>();
  aboutPanelOptions: Record<string, unknown> | null = null;
  appUserModelId: string | null = null;
  singleInstanceLock = false;
  readonly isPackaged: boolean;
  readonly commandLine = {
    switches: new Map<string, string>(),
    appendSwitch: (name: string, value = '') => void this.commandLine.switches.set(name, value),
    hasSwitch: (name: string) => this.commandLine.switches.has(name),
    getSwitchValue: (name: string) => this.commandLine.switches.get(name) ?? '',
  };

  constructor(private readonly state: DoubleState) {
    super();
    this.pkg = JSON.parse(readFileSync(join(state.options.appPath, 'package.json'), 'utf8'));
    this.isPackaged = state.options.isPackaged ?? false;
    for (const [name, path] of Object.entries(state.options.paths)) this.paths.set(name, path);
  }

  get name(): string {
    return this.pkg.productName ?? this.pkg.name;
  }

  getName(): string {
    return this.name;
  }

  getVersion(): string {
    return this.pkg.version;
  }

  getAppPath(): string {
    return this.state.options.appPath;
  }

  getLocale(): string {
    return 'en-US';
  }

  getPath(name: string): string {
    if (!(PATH_NAMES as readonly string[]).includes(name)) throw new Error(`Failed to get '${name}' path`);
    const set = this.paths.get(name);
    if (set) return set;
    if (name === 'userData' || name === 'sessionData') return join(this.getPath('appData'), this.name);
    throw new Error(`electron double: no '${name}' path configured`);
  }

  setPath(name: string, path: string): void {
    this.paths.set(name, path);
  }

  isReady(): boolean {
    return this.state.ready;
  }

  whenReady(): Promise<void> {
    return this.readyPromise;
  }

  /** Control: what Electron does once the main script has run. */
  emitReady(): void {
    if (this.state.ready) return;
    this.emit('will-finish-launching');
    this.state.ready = true;
    this.emit('ready', new ElectronEvent(), {});
    this.readyResolve();
  }

  requestSingleInstanceLock(additionalData?: Record<string, unknown>): boolean {
    this.state.lockRequests.push(additionalData ?? null);
    this.singleInstanceLock = !this.state.options.anotherInstanceHoldsLock;
    return this.singleInstanceLock;
  }

  hasSingleInstanceLock(): boolean {
    return this.singleInstanceLock;
  }

  /**
   * Control: another instance was started and asked for the lock; the holder hears 'second-instance'
   * (with the other's argv, working directory and additional data), as Electron delivers it.
   */
  simulateSecondInstance(argv: string[], workingDirectory: string, additionalData: unknown = null): void {
    if (!this.singleInstanceLock) return;
    this.emit('second-instance', new ElectronEvent(), argv, workingDirectory, additionalData);
  }

  releaseSingleInstanceLock(): void {
    this.singleInstanceLock = false;
  }

  setAboutPanelOptions(options: Record<string, unknown>): void {
    this.aboutPanelOptions = { ...options };
  }

  showAboutPanel(): void {
    this.state.record('app.showAboutPanel');
  }

  setAppUserModelId(id: string): void {
    this.appUserModelId = id;
  }

  focus(): void {
    this.state.record('app.focus');
  }

  /** Asks to quit: asynchronous, and every step can be vetoed (see the file comment). */
  quit(): void {
    if (this.state.exitCode !== null) return;
    this.state.record('app.quit');
    setImmediate(() => {
      if (this.state.exitCode !== null) return;
      if (emitPreventable(this, 'before-quit')) return;
      this.state.quitting = true;
      for (const win of [...this.state.windows]) {
        if (!win.isDestroyed() && !win.closeForQuit()) {
          this.state.quitting = false;
          return;
        }
      }
      if (emitPreventable(this, 'will-quit')) {
        this.state.quitting = false;
        return;
      }
      this.emit('quit', new ElectronEvent(), 0);
      this.state.finish(0);
    });
  }

  /** Exits at once: windows destroyed, no before-quit / will-quit. */
  exit(exitCode = 0): void {
    if (this.state.exitCode !== null) return;
    this.state.record('app.exit', exitCode);
    for (const win of [...this.state.windows]) win.destroy();
    this.state.finish(exitCode);
  }

  relaunch(): void {
    this.state.record('app.relaunch');
  }
}
