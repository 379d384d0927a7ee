/**
 * Electron's event objects: listeners receive an `Event` whose `preventDefault()` vetoes the default
 * action (quitting, navigating, closing a window). The double emits them the same way and reads back
 * whether any listener prevented it.
 */
import type { EventEmitter } from 'node:events';

export class ElectronEvent {
  defaultPrevented = false;
  constructor(readonly extra: Record<string, unknown> = {}) {
    Object.assign(this, extra);
  }
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

/** Emits `name` with a fresh event first; true when a listener called preventDefault(). */
export function emitPreventable(emitter: EventEmitter, name: string, ...args: unknown[]): boolean {
  const event = new ElectronEvent();
  emitter.emit(name, event, ...args);
  return event.defaultPrevented;
}

/**
 * What crosses Electron's IPC: the structured clone algorithm (functions, symbols and class identity do
 * not survive; an uncloneable value throws, as `webContents.send` and `ipcRenderer.invoke` do).
 */
export function ipcClone<T>(value: T): T {
  return structuredClone(value);
}
