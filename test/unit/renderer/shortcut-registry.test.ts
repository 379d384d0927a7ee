/**
 * The help overlay's shortcut registry and the "is the user typing?" guard. The registry's zustand store
 * is private and read through a React hook, so zustand's `create` is wrapped to hand the test the store;
 * `HTMLElement` does not exist in the node environment, so a minimal stand-in class is installed for
 * the isTypingTarget cases (only `instanceof`, `tagName`, `type` and `isContentEditable` are read).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ShortcutSection } from '../../../renderer/src/shell/shortcut-registry';
import { isTypingTarget, registerShortcuts } from '../../../renderer/src/shell/shortcut-registry';

const stores = vi.hoisted(() => [] as { getState(): unknown }[]);
vi.mock('zustand', async (importOriginal) => {
  const actual = await importOriginal<typeof import('zustand')>();
  const create = ((init: never) => {
    const store = actual.create(init);
    stores.push(store);
    return store;
  }) as typeof actual.create;
  return { ...actual, create };
});

const sections = () => (stores[0]!.getState() as { sections: Record<string, ShortcutSection> }).sections;

describe('registerShortcuts', () => {
  const grid = [{ keys: ['g', 'g'], join: 'then' as const, what: 'Go to the grid' }];

  it('adds an active section and, on unregister, keeps it listed but inactive', () => {
    const off = registerShortcuts('Grid', grid);
    expect(sections().Grid).toEqual({ shortcuts: grid, active: true });
    off();
    expect(sections().Grid).toEqual({ shortcuts: grid, active: false });
  });

  it('re-activates a section when its view mounts again, replacing the shortcuts', () => {
    const updated = [...grid, { keys: ['Ctrl', 'Enter'], what: 'Start' }];
    const off = registerShortcuts('Grid', updated);
    expect(sections().Grid).toEqual({ shortcuts: updated, active: true });
    off();
  });

  it('leaves other sections untouched', () => {
    const offCompare = registerShortcuts('Compare', [{ keys: ['['], what: 'Previous seed' }]);
    const offShell = registerShortcuts('Global', [{ keys: ['?'], what: 'Help' }]);
    offCompare();
    expect(sections().Global?.active).toBe(true);
    expect(sections().Compare?.active).toBe(false);
    expect(Object.keys(sections()).sort()).toEqual(['Compare', 'Global', 'Grid']);
    offShell();
  });
});

describe('isTypingTarget', () => {
  class FakeElement {
    isContentEditable = false;
    type = '';
    constructor(readonly tagName: string) {}
  }
  const el = (tagName: string, patch: Partial<FakeElement> = {}) =>
    Object.assign(new FakeElement(tagName), patch) as unknown as EventTarget;

  beforeAll(() => {
    vi.stubGlobal('HTMLElement', FakeElement);
  });
  afterAll(() => {
    vi.unstubAllGlobals();
  });

  it('is false without an element', () => {
    expect(isTypingTarget(null)).toBe(false);
    expect(isTypingTarget({} as EventTarget)).toBe(false);
  });

  it('is true in text areas, selects and editable content', () => {
    expect(isTypingTarget(el('TEXTAREA'))).toBe(true);
    expect(isTypingTarget(el('SELECT'))).toBe(true);
    expect(isTypingTarget(el('DIV', { isContentEditable: true }))).toBe(true);
  });

  it.each(['text', 'search', 'number', 'email', 'password'])('is true in an input of type %s', (type) => {
    expect(isTypingTarget(el('INPUT', { type }))).toBe(true);
  });

  it.each(['checkbox', 'radio', 'button', 'range', 'color', 'submit'])(
    'is false on an input of type %s (no text is typed there)',
    (type) => {
      expect(isTypingTarget(el('INPUT', { type }))).toBe(false);
    },
  );

  it('is false on other elements', () => {
    expect(isTypingTarget(el('DIV'))).toBe(false);
    expect(isTypingTarget(el('BUTTON'))).toBe(false);
  });
});
