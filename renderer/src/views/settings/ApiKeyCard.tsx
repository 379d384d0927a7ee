/**
 * The Segmind API key: a password field that stores through `settings:setApiKey` and is cleared right
 * after, so the key is never displayed or kept in renderer state. Shows which backend is live.
 */

import type { SettingsView } from '@shared/contract';
import { useState } from 'react';
import { Button } from '../../components/Button';
import { errorText } from '../../components/error-text';
import { Field } from '../../components/Field';
import { useApp } from '../../stores/app-store';
import { BackendBadge } from '../BackendBadge';
import { KEY_STORAGE_WORDS } from './key-storage';

export function ApiKeyCard({ settings }: { settings: SettingsView }) {
  const info = useApp((s) => s.info);
  const health = useApp((s) => s.health);
  const setApiKey = useApp((s) => s.setApiKey);
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const store = async (apiKey: string | null) => {
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      await setApiKey(apiKey);
      setKey('');
      setSaved(
        apiKey
          ? 'Key stored. Jobs now go to Segmind.'
          : 'Key forgotten. Jobs now go to the offline simulator.',
      );
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card settings-card" aria-labelledby="key-title" data-testid="settings-key">
      <div className="card-head">
        <h2 id="key-title">Backend and API key</h2>
        {info.status === 'ready' && <BackendBadge info={info.value} />}
      </div>
      <dl className="facts">
        <div>
          <dt>Live backend</dt>
          <dd data-testid="settings-backend">
            {settings.backend === 'simulator'
              ? 'Offline simulator (no credits spent)'
              : 'Segmind (real API, costs credits)'}
          </dd>
        </div>
        <div>
          <dt>Endpoint</dt>
          <dd className="mono">{settings.baseUrl}</dd>
        </div>
        <div>
          <dt>Key</dt>
          <dd>{settings.hasApiKey ? 'A Segmind key is stored' : 'No key stored'}</dd>
        </div>
        <div>
          <dt>Kept</dt>
          <dd data-testid="settings-key-storage">{KEY_STORAGE_WORDS[settings.keyStorage]}</dd>
        </div>
        {health && (
          <div>
            <dt>Health</dt>
            <dd>
              {health.reachable ? 'Reachable' : 'Unreachable'} — {health.detail}
            </dd>
          </div>
        )}
      </dl>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (key.trim()) void store(key.trim());
        }}
      >
        <Field
          label={settings.hasApiKey ? 'Replace the Segmind API key' : 'Segmind API key'}
          error={error}
          hint="Stored once and never shown again. Leave empty to keep using the simulator."
        >
          {({ id, describedBy, invalid }) => (
            <div className="input-row">
              <input
                id={id}
                type="password"
                className="input mono"
                autoComplete="off"
                spellCheck={false}
                placeholder="SG_…"
                value={key}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                onChange={(e) => setKey(e.target.value)}
                data-testid="settings-api-key"
              />
              <Button type="submit" variant="primary" busy={busy} disabled={!key.trim()}>
                Save key
              </Button>
              {settings.hasApiKey && settings.keyStorage !== 'env' && (
                <Button variant="danger" onClick={() => void store(null)} disabled={busy}>
                  Forget key
                </Button>
              )}
            </div>
          )}
        </Field>
      </form>
      {saved && (
        <p className="ok small" role="status">
          {saved}
        </p>
      )}
    </section>
  );
}
