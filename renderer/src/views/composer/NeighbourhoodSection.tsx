/**
 * "Sweep around this…": shown while the composer holds a result's parameters, it says which result and
 * offers the neighbourhood to add — new random seeds, image weight ±10/±20, the other styles, magic
 * prompt on and off, the other palettes. Each choice rewrites only its own axis of the form; the result
 * itself stays in the sweep (reused, not paid again, with dedupe), and the new batch records its parent.
 */
import { PALETTE_PRESETS, STYLE_TYPES } from '@shared/catalogue';
import { Button } from '../../components/Button';
import { Toggle } from '../../components/Toggle';
import { useComposer } from '../../stores/composer-store';

const SEED_CHOICES = [0, 2, 4, 8, 16];

export function NeighbourhoodSection() {
  const origin = useComposer((s) => s.origin);
  const setNeighbourhood = useComposer((s) => s.setNeighbourhood);
  if (origin?.kind !== 'around') return null;
  const { around, job } = origin;
  const set = (patch: Partial<typeof around>) => setNeighbourhood({ ...around, ...patch });
  return (
    <section
      className="card composer-card neighbourhood"
      aria-labelledby="around-title"
      data-testid="sweep-around"
    >
      <div className="card-head">
        <h2 id="around-title">Sweep around this</h2>
        <span className="muted">
          job {origin.ordinal + 1} of “{origin.batchName}” · seed {job.seed} · {job.style.replace('_', ' ')}
        </span>
        <Button size="sm" variant="ghost" onClick={() => useComposer.getState().reset()}>
          Clear form
        </Button>
      </div>
      <p className="muted small">
        The result itself stays in the sweep (reused, not paid again). Add the neighbours to try:
      </p>
      <div className="neighbourhood-grid">
        <label className="neighbourhood-seeds">
          New random seeds{' '}
          <select
            className="input"
            value={around.randomSeeds}
            onChange={(e) => set({ randomSeeds: Number(e.target.value) })}
            data-testid="around-seeds"
          >
            {SEED_CHOICES.map((n) => (
              <option key={n} value={n}>
                {n === 0 ? 'none' : `+${n}`}
              </option>
            ))}
          </select>
        </label>
        <Toggle
          checked={around.weights}
          onChange={(v) => set({ weights: v })}
          label={`Image weight ±10, ±20 (around ${job.imageWeight})`}
          testId="around-weights"
        />
        <Toggle
          checked={around.styles}
          onChange={(v) => set({ styles: v })}
          label={`The other ${STYLE_TYPES.length - 1} styles`}
          testId="around-styles"
        />
        <Toggle
          checked={around.magic}
          onChange={(v) => set({ magic: v })}
          label="Magic prompt on and off"
          testId="around-magic"
        />
        <Toggle
          checked={around.palettes}
          onChange={(v) => set({ palettes: v })}
          label={`The other palettes (none and ${PALETTE_PRESETS.length} presets)`}
          testId="around-palettes"
        />
      </div>
    </section>
  );
}
