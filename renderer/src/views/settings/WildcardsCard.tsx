/**
 * The wildcards folder: where `__name__` in a prompt finds `name.txt` (one option per line), after the
 * input folder's own `wildcards/` sub-folder.
 */
import type { SettingsView } from '@shared/contract';
import { useEffect, useState } from 'react';
import { Button } from '../../components/Button';
import { Field } from '../../components/Field';
import { useSettingsSave } from './use-settings-save';

export function WildcardsCard({ settings }: { settings: SettingsView }) {
  const [dir, setDir] = useState(settings.wildcardsDir);
  const { busy, error, save: saveSettings } = useSettingsSave();
  useEffect(() => setDir(settings.wildcardsDir), [settings]);
  const dirty = dir.trim() !== settings.wildcardsDir && dir.trim() !== '';

  const save = async () => {
    await saveSettings({ wildcardsDir: dir.trim() });
  };

  return (
    <form
      className="card settings-card"
      aria-labelledby="wildcards-title"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      data-testid="settings-wildcards"
    >
      <div className="card-head">
        <h2 id="wildcards-title">Wildcards</h2>
      </div>
      <Field
        label="Wildcards folder"
        error={error}
        hint={
          <>
            <code>__colour__</code> in a prompt takes every line of <code>colour.txt</code> (like{' '}
            <code>{'{red|blue}'}</code>), from the input folder’s <code>wildcards/</code> first, then here;{' '}
            <code>__moods/calm__</code> reads <code>moods/calm.txt</code>.
          </>
        }
      >
        {({ id, describedBy }) => (
          <div className="input-row">
            <input
              id={id}
              className="input mono"
              value={dir}
              aria-describedby={describedBy}
              onChange={(e) => setDir(e.target.value)}
              data-testid="settings-wildcards-dir"
            />
            <Button type="submit" busy={busy} disabled={!dirty}>
              Save
            </Button>
          </div>
        )}
      </Field>
    </form>
  );
}
