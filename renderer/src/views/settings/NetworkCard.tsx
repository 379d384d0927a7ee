/**
 * The account's request budget and what to do when the network is gone. Segmind limits requests per
 * minute by plan (status and result reads may count): pick the plan's rate, or let the studio discover
 * it from 429s. An outage never fails a job by itself; a limit here makes jobs fail after that long.
 */
import type { SettingsView } from '@shared/contract';
import { RPM_PRESETS } from '@shared/scheduling/request-budget';
import { useEffect, useState } from 'react';
import { Button } from '../../components/Button';
import { Field } from '../../components/Field';
import { formFrom, type NetworkForm, patchFrom } from './network-form';
import { useSettingsSave } from './use-settings-save';

export function NetworkCard({ settings }: { settings: SettingsView }) {
  const [form, setForm] = useState<NetworkForm>(() => formFrom(settings));
  const { busy, error, saved, save: saveSettings, markEdited } = useSettingsSave();
  useEffect(() => setForm(formFrom(settings)), [settings]);

  const checked = patchFrom(form);
  const dirty =
    checked.ok &&
    (checked.patch.requestsPerMinute !== settings.requestsPerMinute ||
      checked.patch.offlineFailAfterMin !== settings.offlineFailAfterMin);
  const edit = (patch: Partial<NetworkForm>) => {
    markEdited();
    setForm((f) => ({ ...f, ...patch }));
  };

  const save = async () => {
    if (checked.ok) await saveSettings(checked.patch);
  };

  return (
    <form
      className="card settings-card"
      aria-labelledby="network-title"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      data-testid="settings-network"
    >
      <div className="card-head">
        <h2 id="network-title">Requests and network</h2>
      </div>
      <Field
        label="Requests per minute"
        hint={
          settings.backend === 'simulator'
            ? 'Your Segmind plan’s limit; applies once a key is set (the built-in simulator has none).'
            : 'Your Segmind plan’s limit. Every request counts (submit, status, result), so polls are spent where they matter.'
        }
        error={!checked.ok && checked.field === 'rpm' ? checked.error : null}
      >
        {({ id, describedBy, invalid }) => (
          <div className="row-inline">
            <select
              id={id}
              className="input"
              value={form.budget}
              aria-describedby={describedBy}
              onChange={(e) => edit({ budget: e.target.value })}
              data-testid="settings-rpm"
            >
              <option value="discover">Discover from “too many requests” answers</option>
              {RPM_PRESETS.map((p) => (
                <option key={p.perMinute} value={String(p.perMinute)}>
                  {p.label}
                </option>
              ))}
              <option value="custom">Custom…</option>
            </select>
            {form.budget === 'custom' && (
              <input
                className="input mono narrow"
                inputMode="numeric"
                placeholder="e.g. 300"
                value={form.custom}
                aria-label="Custom requests per minute"
                aria-invalid={invalid}
                onChange={(e) => edit({ custom: e.target.value })}
                data-testid="settings-rpm-custom"
              />
            )}
          </div>
        )}
      </Field>
      <Field
        label="When the network is gone"
        hint="Offline is a state, not a failure: nothing is submitted, jobs keep their request ids, and the run resumes by itself."
        error={!checked.ok && checked.field === 'minutes' ? checked.error : null}
      >
        {({ id, describedBy, invalid }) => (
          <div className="row-inline">
            <select
              id={id}
              className="input"
              value={form.failAfter ? 'limit' : 'wait'}
              aria-describedby={describedBy}
              onChange={(e) => edit({ failAfter: e.target.value === 'limit' })}
              data-testid="settings-offline"
            >
              <option value="wait">Wait for it</option>
              <option value="limit">Fail waiting jobs after…</option>
            </select>
            {form.failAfter && (
              <>
                <input
                  className="input mono narrow"
                  inputMode="decimal"
                  value={form.minutes}
                  aria-label="Minutes offline before waiting jobs fail"
                  aria-invalid={invalid}
                  onChange={(e) => edit({ minutes: e.target.value })}
                  data-testid="settings-offline-minutes"
                />
                <span className="muted">minutes</span>
              </>
            )}
          </div>
        )}
      </Field>
      <div className="form-actions">
        {error && (
          <p className="error small" role="alert">
            {error}
          </p>
        )}
        {saved && !dirty && (
          <p className="ok small" role="status" data-testid="settings-network-saved">
            Saved.
          </p>
        )}
        <Button
          type="submit"
          variant="primary"
          busy={busy}
          disabled={!dirty}
          data-testid="settings-network-save"
        >
          Save
        </Button>
      </div>
    </form>
  );
}
