/**
 * The keyboard shortcuts the help overlay lists. The shell registers the global ones; any view may add
 * its own section with `registerShortcuts` (returns an unregister function, call it on unmount). A
 * section whose view is not mounted stays listed, marked as belonging to that view, so the overlay is a
 * complete reference wherever it is opened.
 */
import { create } from 'zustand';

export interface Shortcut {
  /** Keys as shown, e.g. ['g', 'h'] for a sequence or ['Ctrl', 'Enter'] for a chord. */
  keys: string[];
  /** 'then' for sequences (g then h), '+' for chords. Default '+'. */
  join?: 'then' | '+';
  what: string;
}

export interface ShortcutSection {
  shortcuts: Shortcut[];
  /** False once its view unmounted: listed, but the keys work only in that view. */
  active: boolean;
}

interface Registry {
  sections: Record<string, ShortcutSection>;
}

const useRegistry = create<Registry>(() => ({ sections: {} }));

/** Adds (or replaces) the help overlay's `section`; returns a function that removes it. */
export function registerShortcuts(section: string, shortcuts: Shortcut[]): () => void {
  useRegistry.setState((s) => ({ sections: { ...s.sections, [section]: { shortcuts, active: true } } }));
  return () =>
    useRegistry.setState((s) => ({ sections: { ...s.sections, [section]: { shortcuts, active: false } } }));
}

/** The registered sections, for the help overlay. */
export function useShortcutSections(): Record<string, ShortcutSection> {
  return useRegistry((s) => s.sections);
}

/** True when the key event comes from a text field, where single-letter shortcuts must not fire. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'range', 'color', 'submit'].includes(type);
}
