/** The studio's views in navigation order, with their labels and `g`-sequence keys. */
import type { ViewName } from '../stores/nav-store';

export interface ViewEntry {
  name: ViewName;
  label: string;
  /** Second key of the `g <key>` navigation sequence. */
  key: string;
}

export const VIEWS: readonly ViewEntry[] = [
  { name: 'composer', label: 'Composer', key: 'c' },
  { name: 'grid', label: 'Grid', key: 'g' },
  { name: 'matrix', label: 'Matrix', key: 'm' },
  { name: 'compare', label: 'Compare', key: 'x' },
  { name: 'history', label: 'History', key: 'h' },
  { name: 'settings', label: 'Settings', key: 's' },
];
