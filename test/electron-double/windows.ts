/**
 * BrowserWindow and webContents doubles. Windows exist only after `ready`; the webPreferences are kept
 * as given and as Electron resolves them (its defaults: contextIsolation, sandbox on, nodeIntegration
 * off); creating one emits `web-contents-created` and `browser-window-created` on app. Navigation,
 * redirects, webviews and `window.open` are simulated by the control methods (`navigate`, …), which
 * go through the same listeners and window-open handler Electron would consult.
 */
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { AppDouble } from './app';
import { ElectronEvent, emitPreventable, ipcClone } from './events';
import type { DoubleState } from './state';

export interface FrameDouble {
  name: string;
  url: string;
  parent: FrameDouble | null;
  frames: FrameDouble[];
}

type WindowOpenHandler = (details: Record<string, unknown>) => { action: 'allow' | 'deny' };

let nextId = 1;

export class WebContentsDouble extends EventEmitter {
  readonly id = nextId++;
  readonly mainFrame: FrameDouble = { name: 'main', url: '', parent: null, frames: [] };
  /** Where `send` delivers: the renderer side (the preload's ipcRenderer listens here). */
  readonly renderer = new EventEmitter();
  readonly sent: { channel: string; args: unknown[] }[] = [];
  windowOpenHandler: WindowOpenHandler | null = null;
  private destroyed = false;
  url = '';

  constructor(readonly webPreferences: Record<string, unknown>) {
    super();
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('destroyed');
  }

  getURL(): string {
    return this.url;
  }

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    const cloned = args.map((a) => ipcClone(a));
    this.sent.push({ channel, args: cloned });
    setImmediate(() => {
      if (!this.destroyed) this.renderer.emit(channel, { sender: null, senderFrame: null }, ...cloned);
    });
  }

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }

  /** Control: a child frame (an iframe) of the main frame. */
  addChildFrame(url: string): FrameDouble {
    const frame: FrameDouble = { name: 'child', url, parent: this.mainFrame, frames: [] };
    this.mainFrame.frames.push(frame);
    return frame;
  }

  /** Control: the page tries to navigate; true when it was allowed (and happened). */
  navigate(url: string): boolean {
    if (emitPreventable(this, 'will-navigate', url)) return false;
    this.url = url;
    return true;
  }

  /** Control: a server redirect during navigation; true when allowed. */
  redirect(url: string): boolean {
    return !emitPreventable(this, 'will-redirect', url);
  }

  /** Control: the page adds a `<webview>`; true when it was allowed to attach. */
  attachWebview(src: string): boolean {
    return !emitPreventable(this, 'will-attach-webview', {}, { src });
  }

  /** Control: `window.open(url)` from the page; Electron allows it unless a handler says 'deny'. */
  windowOpen(url: string): 'allow' | 'deny' {
    const details = { url, frameName: '', features: '', disposition: 'new-window', referrer: {} };
    return this.windowOpenHandler?.(details).action ?? 'allow';
  }
}

const WEB_PREFERENCE_DEFAULTS = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  webviewTag: false,
};

export class WindowDouble extends EventEmitter {
  readonly id: number;
  readonly webContents: WebContentsDouble;
  readonly options: Record<string, unknown>;
  readonly progress: { value: number; options?: unknown }[] = [];
  private minimized = false;
  private visible: boolean;
  private focused = false;
  private destroyed = false;

  constructor(
    private readonly state: DoubleState,
    private readonly app: AppDouble,
    options: Record<string, unknown> = {},
  ) {
    super();
    state.requireReady('BrowserWindow');
    this.options = options;
    const prefs = { ...WEB_PREFERENCE_DEFAULTS, ...((options.webPreferences as object) ?? {}) };
    this.webContents = new WebContentsDouble(prefs);
    this.id = this.webContents.id;
    this.visible = options.show !== false;
    state.windows.push(this);
    app.emit('web-contents-created', new ElectronEvent(), this.webContents);
    app.emit('browser-window-created', new ElectronEvent(), this);
  }

  /** The webPreferences exactly as the app passed them. */
  get requestedWebPreferences(): Record<string, unknown> {
    return (this.options.webPreferences as Record<string, unknown>) ?? {};
  }

  async loadFile(file: string): Promise<void> {
    if (!existsSync(file)) throw new Error(`ERR_FILE_NOT_FOUND (-6) loading '${pathToFileURL(file)}'`);
    return this.loadURL(pathToFileURL(file).toString());
  }

  async loadURL(url: string): Promise<void> {
    this.webContents.url = url;
    this.webContents.mainFrame.url = url;
    setImmediate(() => this.webContents.emit('did-finish-load'));
  }

  setProgressBar(value: number, options?: unknown): void {
    if (typeof value !== 'number' || Number.isNaN(value)) throw new TypeError('progress must be a number');
    this.progress.push({ value, options });
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  minimize(): void {
    this.minimized = true;
    this.focused = false;
  }
  restore(): void {
    this.minimized = false;
  }
  isVisible(): boolean {
    return this.visible;
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  isFocused(): boolean {
    return this.focused;
  }
  focus(): void {
    this.state.record('window.focus', this.id);
    this.focused = true;
  }

  /** The user (or code) closes the window: vetoable 'close', then 'closed'. */
  close(): void {
    if (this.destroyed || emitPreventable(this, 'close')) return;
    this.destroy();
    const open = this.state.windows.filter((w) => !w.isDestroyed());
    if (open.length === 0 && !this.state.quitting) {
      // Electron quits by default when nobody listens to window-all-closed.
      if (this.app.listenerCount('window-all-closed') > 0) this.app.emit('window-all-closed');
      else this.app.quit();
    }
  }

  /** Closing as part of app.quit(); false when the window vetoed it. */
  closeForQuit(): boolean {
    if (emitPreventable(this, 'close')) return false;
    this.destroy();
    return true;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroy();
    const i = this.state.windows.indexOf(this);
    if (i >= 0) this.state.windows.splice(i, 1);
    this.emit('closed');
  }
}

export interface BrowserWindowClass {
  new (options?: Record<string, unknown>): WindowDouble;
  getAllWindows(): WindowDouble[];
  getFocusedWindow(): WindowDouble | null;
  fromWebContents(contents: WebContentsDouble): WindowDouble | null;
}

/** The `BrowserWindow` class as the app sees it, bound to one double. */
export function browserWindowClass(state: DoubleState, app: AppDouble): BrowserWindowClass {
  return class BrowserWindow extends WindowDouble {
    constructor(options?: Record<string, unknown>) {
      super(state, app, options);
    }
    static getAllWindows(): WindowDouble[] {
      return [...state.windows];
    }
    static getFocusedWindow(): WindowDouble | null {
      return state.windows.find((w) => w.isFocused()) ?? null;
    }
    static fromWebContents(contents: WebContentsDouble): WindowDouble | null {
      return state.windows.find((w) => w.webContents === contents) ?? null;
    }
  };
}
