/**
 * The studio: the shell frame around whichever view the navigation store names. Views take no props;
 * they read what they show (batch, compare set, composer seed) from the nav store.
 */
import type { ComponentType } from 'react';
import { AppShell } from './shell/AppShell';
import { useNav, type ViewName } from './stores/nav-store';
import { CompareView } from './views/compare/CompareView';
import { ComposerView } from './views/composer/ComposerView';
import { GridView } from './views/grid/GridView';
import { HistoryView } from './views/history/HistoryView';
import { MatrixView } from './views/matrix/MatrixView';
import { SettingsView } from './views/settings/SettingsView';

const VIEW_COMPONENTS: Record<ViewName, ComponentType> = {
  composer: ComposerView,
  grid: GridView,
  matrix: MatrixView,
  compare: CompareView,
  history: HistoryView,
  settings: SettingsView,
};

export function App() {
  const view = useNav((s) => s.view);
  const View = VIEW_COMPONENTS[view];
  return (
    <AppShell>
      <View />
    </AppShell>
  );
}
