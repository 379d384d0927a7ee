/**
 * Studio defaults: concurrency, output folder and the naming template (validated live with the same
 * `validateTemplate` main uses, so the message shown is the one main would give).
 */

import type { SettingsView } from '@shared/contract';
import { USER_LIMIT_MAX, USER_LIMIT_MIN } from '@shared/scheduling';
import { NAMING_TOKENS, validateTemplate } from '@shared/sweep';
import { useEffect, useState } from 'react';
import { Button } from '../../components/Button';
import { Field } from '../../components/Field';
import { useSettingsSave } from './use-settings-save';

export function DefaultsCard({ settings }: { settings: SettingsView }) {
  const [concurrency, setConcurrency] = useState(settings.defaultConcurrency);
  const [outputDir, setOutputDir] = useState(settings.outputDir);
  const [template, setTemplate] = useState(settings.template);
  const { busy, error, saved, save: saveSettings } = useSettingsSave();

  useEffect(() => {
    setConcurrency(settings.defaultConcurrency);
    setOutputDir(settings.outputDir);
    setTemplate(settings.template);
  }, [settings]);

  const templateError = validateTemplate(template)[0] ?? null;
  const dirty =
    concurrency !== settings.defaultConcurrency ||
    outputDir !== settings.outputDir ||
    template !== settings.template;

  const save = async () => {
    if (templateError) return;
    await saveSettings({
      defaultConcurrency: concurrency,
      outputDir: outputDir.trim(),
      template: template.trim(),
    });
  };

  return (
    <form
      className="card settings-card"
      aria-labelledby="defaults-title"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      data-testid="settings-defaults"
    >
      <div className="card-head">
        <h2 id="defaults-title">Defaults for new sweeps</h2>
      </div>
      <Field
        label="Concurrency"
        aside={<span className="mono">{concurrency}</span>}
        hint="Jobs in flight at once. The engine backs off by itself when Segmind says “too many requests”."
      >
        {({ id, describedBy }) => (
          <input
            id={id}
            type="range"
            min={USER_LIMIT_MIN}
            max={USER_LIMIT_MAX}
            value={concurrency}
            aria-describedby={describedBy}
            onChange={(e) => setConcurrency(Number(e.target.value))}
            data-testid="settings-concurrency"
          />
        )}
      </Field>
      <Field
        label="Output folder"
        hint="Where batches write their images unless the composer says otherwise."
      >
        {({ id, describedBy }) => (
          <input
            id={id}
            className="input mono"
            value={outputDir}
            aria-describedby={describedBy}
            onChange={(e) => setOutputDir(e.target.value)}
            data-testid="settings-output-dir"
          />
        )}
      </Field>
      <Field
        label="Naming template"
        error={templateError}
        hint="Relative path of each output inside the output folder."
      >
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            className="input mono"
            value={template}
            spellCheck={false}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(e) => setTemplate(e.target.value)}
            data-testid="settings-template"
          />
        )}
      </Field>
      <details className="tokens">
        <summary>Template tokens</summary>
        <dl>
          {Object.entries(NAMING_TOKENS).map(([token, what]) => (
            <div key={token}>
              <dt>
                <button
                  type="button"
                  className="link-btn mono"
                  onClick={() => setTemplate((t) => `${t}{${token}}`)}
                >
                  {`{${token}}`}
                </button>
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
      </details>
      <div className="form-actions">
        {error && (
          <p className="error small" role="alert" data-testid="settings-error">
            {error}
          </p>
        )}
        {saved && !dirty && (
          <p className="ok small" role="status" data-testid="settings-saved">
            Saved.
          </p>
        )}
        <Button
          type="submit"
          variant="primary"
          busy={busy}
          disabled={!dirty || Boolean(templateError)}
          data-testid="settings-save"
        >
          Save defaults
        </Button>
      </div>
    </form>
  );
}
