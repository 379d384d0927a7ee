/** Seeds: the seed text (lists, ranges, random:N), the sweep seed that fixes random:N, and the first seeds. */
import { SEED_MAX, SEED_MIN } from '@shared/catalogue';
import { Button } from '../../components/Button';
import { Field } from '../../components/Field';
import { useComposer } from '../../stores/composer-store';
import type { LocalPreview } from './local-preview';

export function SeedsSection({ error, seeds }: { error: string | null; seeds: LocalPreview['seeds'] }) {
  const text = useComposer((s) => s.form.seeds);
  const sweepSeed = useComposer((s) => s.form.sweepSeed);
  const set = useComposer((s) => s.set);
  const shown = 'first' in seeds ? seeds : null;
  return (
    <section className="card composer-card" aria-labelledby="seeds-title">
      <div className="card-head">
        <h2 id="seeds-title">Seeds</h2>
        {shown && <span className="muted">{shown.count.toLocaleString('en-US')} seed(s)</span>}
      </div>
      <Field
        label="Seeds"
        error={error ?? ('error' in seeds ? seeds.error : null)}
        onLeave={() => useComposer.getState().touch('seeds')}
        hint={`e.g. 100, 200-210, 300-400:10, random:8 — from ${SEED_MIN} to ${SEED_MAX.toLocaleString('en-US')}`}
      >
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            className="input mono"
            value={text}
            spellCheck={false}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(e) => set('seeds', e.target.value)}
            data-testid="composer-seeds"
          />
        )}
      </Field>
      <div className="seed-row">
        {shown && (
          <ul className="seed-list" aria-label="First seeds" data-testid="seed-preview">
            {shown.first.map((s) => (
              <li key={s}>{s}</li>
            ))}
            {shown.count > shown.first.length && <li className="muted">…</li>}
          </ul>
        )}
        <span
          className="sweep-seed"
          title="random:N draws its seeds from this number, so a re-run gets the same seeds"
        >
          random base <span className="mono">{sweepSeed}</span>
          <Button
            size="sm"
            variant="ghost"
            onClick={() => set('sweepSeed', Math.floor(Math.random() * 0xffffffff))}
          >
            Re-roll
          </Button>
        </span>
      </div>
    </section>
  );
}
