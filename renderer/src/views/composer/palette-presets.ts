/**
 * Swatch colours for the palette presets: the catalogue's approximations (the same ones the simulator
 * tints with). The UI labels them as approximate; the API only receives the preset name.
 */
export { PRESET_COLORS as PRESET_SWATCHES } from '@shared/catalogue';

/** Title case for labels: 'ULTRAMARINE' -> 'Ultramarine', 'RENDER_3D' -> 'Render 3D'. */
export function titleCase(name: string): string {
  return name
    .split('_')
    .map((w) => (/\d/.test(w) ? w : w.charAt(0) + w.slice(1).toLowerCase()))
    .join(' ');
}
