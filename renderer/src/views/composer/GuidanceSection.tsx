/** Image weight(s) (how closely to follow the input) and negative prompt(s). */
import { IMAGE_WEIGHT_MAX, IMAGE_WEIGHT_MIN } from '@shared/catalogue';
import { Field } from '../../components/Field';
import { Toggle } from '../../components/Toggle';
import { useRovingFocus } from '../../components/use-roving-focus';
import { parseImageWeights } from '../../stores/composer-form';
import { useComposer } from '../../stores/composer-store';

const WEIGHT_PRESETS = ['50', '25, 50, 75', '20-80:20', '10-100:10'];

/** Quick picks for the weight field: one Tab stop, arrows between them. */
function WeightPresets({ onPick }: { onPick(preset: string): void }) {
  const roving = useRovingFocus(WEIGHT_PRESETS.map((key) => ({ key })));
  return (
    <fieldset className="quick-picks" aria-label="Image weight presets" {...roving.containerProps}>
      {WEIGHT_PRESETS.map((p) => (
        <button key={p} type="button" className="link-btn" onClick={() => onPick(p)} {...roving.itemProps(p)}>
          {p}
        </button>
      ))}
    </fieldset>
  );
}

export function GuidanceSection({
  weightError,
  negativeError,
}: {
  weightError: string | null;
  negativeError: string | null;
}) {
  const weights = useComposer((s) => s.form.imageWeightsText);
  const negative = useComposer((s) => s.form.negativeText);
  const alsoNone = useComposer((s) => s.form.alsoNoNegative);
  const set = useComposer((s) => s.set);
  const parsed = parseImageWeights(weights);
  const hasNegatives = negative.trim() !== '';
  return (
    <section className="card composer-card" aria-labelledby="guidance-title">
      <div className="card-head">
        <h2 id="guidance-title">Guidance</h2>
      </div>
      <Field
        label="Image weight"
        error={weightError}
        onLeave={() => useComposer.getState().touch('imageWeights')}
        aside={!parsed.error && <span className="muted">{parsed.values.join(' · ')}</span>}
        hint={`How closely to follow the input, ${IMAGE_WEIGHT_MIN}-${IMAGE_WEIGHT_MAX}. Several values (30, 50, 70) or a range (20-80:20) sweep it.`}
      >
        {({ id, describedBy, invalid }) => (
          <div className="input-row">
            <input
              id={id}
              className="input mono"
              value={weights}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(e) => set('imageWeightsText', e.target.value)}
              data-testid="composer-weights"
            />
            <WeightPresets onPick={(p) => set('imageWeightsText', p)} />
          </div>
        )}
      </Field>
      <Field
        label="Negative prompt"
        error={negativeError}
        onLeave={() => useComposer.getState().touch('negativePrompts')}
        hint="What to keep out of the image. One per line sweeps them; {a|b}, __name__ and {caption} work here too; leave empty for none."
        aside={
          hasNegatives && (
            <Toggle checked={alsoNone} onChange={(v) => set('alsoNoNegative', v)} label="Also without" />
          )
        }
      >
        {({ id, describedBy, invalid }) => (
          <textarea
            id={id}
            className="input mono"
            rows={2}
            placeholder="blurry, watermark, text"
            value={negative}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(e) => set('negativeText', e.target.value)}
            data-testid="composer-negative"
          />
        )}
      </Field>
    </section>
  );
}
