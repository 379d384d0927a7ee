/** Settings: backend and API key, the defaults new sweeps start from, spending, the request budget and the network. */
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { Loading } from '../../components/Spinner';
import { useApp } from '../../stores/app-store';
import { ApiKeyCard } from './ApiKeyCard';
import { BatchEndCard } from './BatchEndCard';
import { DefaultsCard } from './DefaultsCard';
import { NetworkCard } from './NetworkCard';
import { SpendingCard } from './SpendingCard';
import { WildcardsCard } from './WildcardsCard';
import './settings.css';

export function SettingsView() {
  const settings = useApp((s) => s.settings);
  const info = useApp((s) => s.info);
  if (settings.status === 'loading') return <Loading text="Loading settings…" />;
  if (settings.status === 'error')
    return (
      <EmptyState
        tone="error"
        title="Settings could not be loaded"
        action={<Button onClick={() => void useApp.getState().refreshSettings()}>Try again</Button>}
      >
        {settings.message}
      </EmptyState>
    );
  return (
    <div className="settings" data-testid="settings">
      <ApiKeyCard settings={settings.value} />
      <DefaultsCard settings={settings.value} />
      <BatchEndCard settings={settings.value} web={info.status === 'ready' && info.value.shell === 'web'} />
      <NetworkCard settings={settings.value} />
      <SpendingCard settings={settings.value} />
      <WildcardsCard settings={settings.value} />
      {info.status === 'ready' && (
        <p className="muted small about">
          Sweep Studio {info.value.version} · {info.value.shell === 'web' ? 'web mode' : 'desktop'} · data in{' '}
          <span className="mono">{info.value.dataDir}</span>
        </p>
      )}
    </div>
  );
}
