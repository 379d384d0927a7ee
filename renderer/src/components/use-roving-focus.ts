/**
 * Roving tabindex for a group of chips (the ARIA pattern for radio and checkbox groups and toolbars):
 * the whole group is one Tab stop, the arrow keys move between its items, Home / End go to the ends,
 * Space or Enter (the items are buttons) toggles. The item that takes the Tab stop is the one last
 * focused, else the first selected, else the first. With `rows`, Up / Down move to the previous / next
 * row at the same position (a 2-D group such as resolutions by aspect); without, every arrow moves in
 * reading order.
 */
import { type FocusEvent, type KeyboardEvent, useCallback, useRef, useState } from 'react';

export interface RovingItem {
  key: string;
  selected?: boolean;
  disabled?: boolean;
  /** Row of the item in a 2-D group; omit for a 1-D group. */
  row?: number;
}

export interface Roving {
  /** Spread on the group's container. */
  containerProps: {
    onKeyDown(e: KeyboardEvent<HTMLElement>): void;
    onFocus(e: FocusEvent<HTMLElement>): void;
  };
  /** Props for the item with `key`: its tabIndex and the attribute the group finds it by. */
  itemProps(key: string): { tabIndex: number; 'data-roving': string };
}

/** The key the arrow `key` leads to from `from` in `items` (skipping disabled ones); null = stay. */
export function rovingTarget(items: readonly RovingItem[], from: string, key: string): string | null {
  const live = items.filter((i) => !i.disabled);
  const at = live.findIndex((i) => i.key === from);
  if (live.length === 0 || at < 0) return null;
  const twoD = live.some((i) => i.row !== undefined);
  if (key === 'Home') return live[0]!.key;
  if (key === 'End') return live[live.length - 1]!.key;
  const step =
    key === 'ArrowRight' || key === 'ArrowDown' ? 1 : key === 'ArrowLeft' || key === 'ArrowUp' ? -1 : 0;
  if (step === 0) return null;
  if (!twoD || key === 'ArrowLeft' || key === 'ArrowRight')
    return live[(at + step + live.length) % live.length]!.key;
  // Up / Down in a 2-D group: the same position in the previous / next row that has items.
  const rows = [...new Set(live.map((i) => i.row ?? 0))].sort((a, b) => a - b);
  const here = live[at]!.row ?? 0;
  const col = live.filter((i) => (i.row ?? 0) === here).findIndex((i) => i.key === from);
  const next = rows[rows.indexOf(here) + step];
  if (next === undefined) return null;
  const inRow = live.filter((i) => (i.row ?? 0) === next);
  return inRow[Math.min(col, inRow.length - 1)]!.key;
}

const MOVE_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End']);

export function useRovingFocus(items: readonly RovingItem[]): Roving {
  const [last, setLast] = useState<string | null>(null);
  const itemsRef = useRef(items);
  itemsRef.current = items;
  const usable = items.filter((i) => !i.disabled);
  const current =
    (last !== null && usable.some((i) => i.key === last) ? last : null) ??
    usable.find((i) => i.selected)?.key ??
    usable[0]?.key ??
    null;

  const onKeyDown = useCallback((e: KeyboardEvent<HTMLElement>) => {
    if (!MOVE_KEYS.has(e.key) || e.altKey || e.ctrlKey || e.metaKey) return;
    const from = (e.target as HTMLElement).closest<HTMLElement>('[data-roving]')?.dataset.roving;
    if (!from) return;
    const to = rovingTarget(itemsRef.current, from, e.key);
    e.preventDefault();
    if (to === null || to === from) return;
    const el = e.currentTarget.querySelector<HTMLElement>(`[data-roving="${CSS.escape(to)}"]`);
    el?.focus();
    setLast(to);
  }, []);
  const onFocus = useCallback((e: FocusEvent<HTMLElement>) => {
    const key = (e.target as HTMLElement).closest<HTMLElement>('[data-roving]')?.dataset.roving;
    if (key) setLast(key);
  }, []);
  const itemProps = useCallback(
    (key: string) => ({ tabIndex: key === current ? 0 : -1, 'data-roving': key }),
    [current],
  );
  return { containerProps: { onKeyDown, onFocus }, itemProps };
}
