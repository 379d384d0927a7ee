/**
 * What happens when a batch ends: a labelled grid PNG per input (setting `gridAtBatchEnd`, saved in
 * main) and, in web mode, a browser notification (a choice of this browser, with its permission).
 */
import type { SettingsView } from '@shared/contract';
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Button } from '../../components/Button';
import { errorText } from '../../components/error-text';
import { Toggle } from '../../components/Toggle';
import { useApp } from '../../stores/app-store';
import { useNotify } from '../../stores/notify-store';

function BrowserNotifications() {
  const { permission, enabled, allow, setEnabled } = useNotify(
    useShallow((s) => ({
      permission: s.permission,
      enabled: s.enabled,
      allow: s.allow,
      setEnabled: s.setEnabled,
    })),
  );
  if (permission === 'unsupported')
    return <p className="muted small">This browser cannot show notifications.</p>;
  if (permission === 'denied')
    return (
      <p className="muted small" data-testid="notify-denied">
        Notifications are blocked for this page in the browser's site settings; allow them there to be told
        when a batch ends.
      </p>
    );
  if (permission === 'default')
    return (
      <div className="check">
        <Button size="sm" onClick={() => void allow()} data-testid="settings-notify-allow">
          Allow notifications
        </Button>
        <span className="muted small">
          The browser asks once; then a notification says when each batch ends.
        </span>
      </div>
    );
  return (
    <Toggle
      checked={enabled}
      onChange={setEnabled}
      label="Notify me in this browser when a batch ends"
      testId="settings-notify"
    />
  );
}

export function BatchEndCard({ settings, web }: { settings: SettingsView; web: boolean }) {
  const updateSettings = useApp((s) => s.updateSettings);
  const [error, setError] = useState<string | null>(null);
  const setGrids = (gridAtBatchEnd: boolean) => {
    setError(null);
    updateSettings({ gridAtBatchEnd }).catch((e) => setError(errorText(e)));
  };
  return (
    <section
      className="card settings-card"
      aria-labelledby="batch-end-title"
      data-testid="settings-batch-end"
    >
      <div className="card-head">
        <h2 id="batch-end-title">When a batch ends</h2>
      </div>
      <Toggle
        checked={settings.gridAtBatchEnd}
        onChange={setGrids}
        label="Write a labelled grid per input (seed × style) beside the outputs"
        testId="settings-grid-at-end"
      />
      {web && <BrowserNotifications />}
      {error && (
        <p className="error small" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
