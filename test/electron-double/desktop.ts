/**
 * Desktop-integration doubles: `dialog` (answers queued by the test), `Notification`, `shell`
 * (`openPath` answers '' on success and an error message for a missing path, as Electron's does) and
 * `powerSaveBlocker` (ids, start / stop / isStarted).
 */
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import type { DoubleState } from './state';

export function createDialog(state: DoubleState) {
  const openAnswers: { canceled: boolean; filePaths: string[] }[] = [];
  return {
    /** Control: the next showOpenDialog answer(s). Default: cancelled. */
    openAnswers,
    async showOpenDialog(...args: unknown[]) {
      state.record('dialog.showOpenDialog', ...args);
      return openAnswers.shift() ?? { canceled: true, filePaths: [] };
    },
    async showMessageBox(...args: unknown[]) {
      state.record('dialog.showMessageBox', ...args);
      return { response: 0, checkboxChecked: false };
    },
    showErrorBox(title: string, content: string): void {
      state.record('dialog.showErrorBox', title, content);
    },
  };
}

export class NotificationDouble extends EventEmitter {
  shown = false;
  constructor(
    private readonly state: DoubleState,
    readonly options: { title?: string; body?: string } = {},
  ) {
    super();
  }
  get title(): string {
    return this.options.title ?? '';
  }
  get body(): string {
    return this.options.body ?? '';
  }
  show(): void {
    this.shown = true;
    this.state.record('notification.show', this.title, this.body);
    this.emit('show');
  }
  close(): void {
    this.emit('close');
  }
  /** Control: the user clicks it. */
  click(): void {
    this.emit('click');
  }
}

export interface NotificationClass {
  new (options?: { title?: string; body?: string }): NotificationDouble;
  isSupported(): boolean;
  /** Control: every notification created, in order. */
  readonly created: NotificationDouble[];
}

export function notificationClass(state: DoubleState): NotificationClass {
  const created: NotificationDouble[] = [];
  return class Notification extends NotificationDouble {
    static readonly created = created;
    static isSupported(): boolean {
      return state.options.notificationsSupported ?? true;
    }
    constructor(options?: { title?: string; body?: string }) {
      super(state, options);
      created.push(this);
    }
  };
}

export function createShell(state: DoubleState) {
  return {
    async openPath(path: string): Promise<string> {
      state.record('shell.openPath', path);
      return existsSync(path) ? '' : `Failed to open path`;
    },
    showItemInFolder(path: string): void {
      state.record('shell.showItemInFolder', path);
    },
    async openExternal(url: string): Promise<void> {
      state.record('shell.openExternal', url);
    },
  };
}

const BLOCKER_TYPES = ['prevent-app-suspension', 'prevent-display-sleep'];

export function createPowerSaveBlocker(state: DoubleState) {
  const started = new Map<number, string>();
  let nextId = 0;
  return {
    start(type: string): number {
      if (!BLOCKER_TYPES.includes(type)) throw new TypeError(`Invalid power save blocker type: ${type}`);
      const id = nextId++;
      started.set(id, type);
      state.record('powerSaveBlocker.start', type, id);
      return id;
    },
    stop(id: number): boolean {
      state.record('powerSaveBlocker.stop', id);
      return started.delete(id);
    },
    isStarted: (id: number): boolean => started.has(id),
    /** Control: blockers currently held. */
    active: () => [...started.values()],
  };
}
