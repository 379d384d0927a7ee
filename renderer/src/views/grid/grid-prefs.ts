/**
 * The grid's lasting preferences: the thumbnail size, kept in the browser's localStorage (Electron keeps
 * it in its profile) through zustand's `persist`, so the grid opens at the size the artist left it.
 */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

/** Smallest, default and largest card width in px, and the slider's step. */
export const CARD_SIZE = { min: 120, default: 200, max: 420, step: 20 } as const;

export interface GridPrefs {
  /** Card width the columns are fitted to, in px. */
  cardSize: number;
  setCardSize(px: number): void;
}

/** `px` rounded to the slider's step and kept inside its range. */
export function clampCardSize(px: number): number {
  if (!Number.isFinite(px)) return CARD_SIZE.default;
  const stepped = Math.round(px / CARD_SIZE.step) * CARD_SIZE.step;
  return Math.min(CARD_SIZE.max, Math.max(CARD_SIZE.min, stepped));
}

export const useGridPrefs = create<GridPrefs>()(
  persist(
    (set) => ({
      cardSize: CARD_SIZE.default,
      setCardSize: (px) => set({ cardSize: clampCardSize(px) }),
    }),
    {
      name: 'sweep-studio.grid',
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: (s) => ({ cardSize: s.cardSize }),
      merge: (saved, current) => ({
        ...current,
        cardSize: clampCardSize((saved as Partial<GridPrefs> | undefined)?.cardSize ?? current.cardSize),
      }),
    },
  ),
);
