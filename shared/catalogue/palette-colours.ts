/**
 * Colours for Ideogram's palette presets, dark to light. Ideogram does not publish them: these are our
 * own reading of each name, used for the composer's swatches (labelled as approximate) and the
 * simulator's tint, so what an artist sees in the UI matches what the offline simulator paints. The API
 * only ever receives the preset name.
 */
import type { PalettePreset } from './params';

export const PRESET_COLORS: Record<PalettePreset, readonly string[]> = {
  EMBER: ['#2B0A05', '#8C1C13', '#E25822', '#F4A259', '#FFE1A8'],
  FRESH: ['#0B3D2E', '#2E8B57', '#7FD1B9', '#E0F7E9', '#FFFFFF'],
  JUNGLE: ['#0B2E13', '#1E5631', '#4C9A2A', '#A4DE02', '#E9F5DB'],
  MAGIC: ['#1A0633', '#4B1D7A', '#9B4DCA', '#E07BE0', '#FDE2FF'],
  MELON: ['#2E0F14', '#C9374C', '#F47C7C', '#F7D6A0', '#B9E3A2'],
  MOSAIC: ['#1D3557', '#E63946', '#2A9D8F', '#F1C453', '#F1FAEE'],
  PASTEL: ['#6D6875', '#B5838D', '#E5989B', '#FFB4A2', '#FFCDB2'],
  ULTRAMARINE: ['#03045E', '#0353A4', '#0077B6', '#48CAE4', '#CAF0F8'],
};
