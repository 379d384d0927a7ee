/**
 * Representative colours for Ideogram's palette presets, for the swatches only. Ideogram does not
 * publish the presets' colours: these are approximations picked to match each name, and the UI labels
 * them as such. What is sent to the API is the preset name, never these colours.
 */
import type { PalettePreset } from '../../../../shared/catalogue';

export const PRESET_SWATCHES: Record<PalettePreset, readonly string[]> = {
  EMBER: ['#3B0A0A', '#8C1C13', '#D9480F', '#F59F00', '#FFD43B'],
  FRESH: ['#E6FCF5', '#96F2D7', '#38D9A9', '#74C0FC', '#F8F9FA'],
  JUNGLE: ['#0B3D20', '#2B8A3E', '#5C940D', '#A9E34B', '#E9C46A'],
  MAGIC: ['#2B124C', '#5F3DC4', '#BE4BDB', '#F783AC', '#FFD8F0'],
  MELON: ['#FF8787', '#FFA8A8', '#FFD8A8', '#C0EB75', '#69DB7C'],
  MOSAIC: ['#1864AB', '#E03131', '#F59F00', '#2F9E44', '#F8F9FA'],
  PASTEL: ['#FFD6E0', '#FFEFB7', '#C9F2D0', '#C5DEFF', '#E4D4FF'],
  ULTRAMARINE: ['#0B1D51', '#1A3A9C', '#2F5BEA', '#74A7FF', '#DCE8FF'],
};

/** Title case for labels: 'ULTRAMARINE' -> 'Ultramarine', 'RENDER_3D' -> 'Render 3D'. */
export function titleCase(name: string): string {
  return name
    .split('_')
    .map((w) => (/\d/.test(w) ? w : w.charAt(0) + w.slice(1).toLowerCase()))
    .join(' ');
}
