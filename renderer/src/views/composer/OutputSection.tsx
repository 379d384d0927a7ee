/**
 * Where the outputs go and how they are named (defaults from Settings), batch name, de-duplication and
 * the run order (progressive: every value first, then every pair, then the rest; or grid).
 */
import { validateTemplate } from '@shared/sweep';
import { Button } from '../../components/Button';
import { Field } from '../../components/Field';
import { Toggle } from '../../components/Toggle';
import { useSettingsValue } from '../../stores/app-store';
import { useComposer } from '../../stores/composer-store';

export function OutputSection({ templateError }: { templateError: string | null }) {
  const settings = useSettingsValue();
  const form = useComposer((s) => s.form);
  const set = useComposer((s) => s.set);
  const localTemplateError = form.template.trim() ? (validateTemplate(form.template)[0] ?? null) : null;
  // A picker that fails leaves the field as it was; the path can always be typed instead.
  const browse = () =>
    useComposer
      .getState()
      .pickOutputFolder()
      .catch(() => undefined);
  return (
    <section className="card composer-card" aria-labelledby="output-title">
      <div className="card-head">
        <h2 id="output-title">Output</h2>
        <Toggle
          checked={form.dedupe}
          onChange={(v) => set('dedupe', v)}
          label="Skip jobs already made"
          title="A job identical to one already completed (same input and parameters) reuses that output instead of paying again"
        />
      </div>
      <div className="two-col">
        <Field label="Batch name" hint="Optional; defaults to the date and first prompt.">
          {({ id }) => (
            <input
              id={id}
              className="input"
              value={form.name}
              onChange={(e) => set('name', e.target.value)}
              data-testid="composer-name"
            />
          )}
        </Field>
        <Field label="Output folder" hint={settings ? `Default: ${settings.outputDir}` : undefined}>
          {({ id, describedBy }) => (
            <div className="input-row">
              <input
                id={id}
                className="input mono"
                placeholder={settings?.outputDir ?? ''}
                value={form.outputDir}
                aria-describedby={describedBy}
                onChange={(e) => set('outputDir', e.target.value)}
              />
              {window.studioTransport && <Button onClick={browse}>Browse…</Button>}
            </div>
          )}
        </Field>
      </div>
      <Field
        label="Run order"
        hint={
          form.order === 'progressive'
            ? 'Broad first: every value of every axis has a result early, then every pair of values, then the rest.'
            : 'Input by input, in the grid’s order.'
        }
      >
        {({ id, describedBy }) => (
          <select
            id={id}
            className="input"
            value={form.order}
            aria-describedby={describedBy}
            onChange={(e) => set('order', e.target.value === 'grid' ? 'grid' : 'progressive')}
            data-testid="composer-order"
          >
            <option value="progressive">Progressive (broad first)</option>
            <option value="grid">Grid order</option>
          </select>
        )}
      </Field>
      <Toggle
        checked={form.reviewAfterCoverage}
        onChange={(v) => set('reviewAfterCoverage', v)}
        label="Pause when every value has a result"
        title="Review checkpoint: the batch pauses once every style, prompt, seed… has at least one result, so you can look and skip what you do not want before paying for the rest"
      />
      <Field
        label="Naming template"
        error={localTemplateError ?? templateError}
        onLeave={() => useComposer.getState().touch('template')}
        hint={
          settings
            ? `Default: ${settings.template}`
            : 'Tokens: {batch} {input} {style} {seed} {prompt} {resolution} …'
        }
      >
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            className="input mono"
            placeholder={settings?.template ?? ''}
            value={form.template}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(e) => set('template', e.target.value)}
            data-testid="composer-template"
          />
        )}
      </Field>
    </section>
  );
}
