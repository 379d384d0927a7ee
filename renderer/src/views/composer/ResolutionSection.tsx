/** Resolutions grouped by aspect, each group with a little rectangle of its shape; multi-select. */
import { type Resolution, resolutionAspect, resolutionLabel, resolutionSize } from '@shared/catalogue';
import { Field } from '../../components/Field';
import { toggleIn } from '../../stores/composer-form';
import { useComposer } from '../../stores/composer-store';
import { RESOLUTION_GROUPS } from './resolution-groups';

/** The aspect drawn as a rectangle inside a `box` x `box` square. */
export function AspectShape({ ratio, box = 26 }: { ratio: number; box?: number }) {
  const w = ratio >= 1 ? box : Math.round(box * ratio);
  const h = ratio >= 1 ? Math.round(box / ratio) : box;
  return (
    <span className="aspect-box" style={{ width: box, height: box }} aria-hidden>
      <span className="aspect-shape" style={{ width: w, height: h }} />
    </span>
  );
}

export function ResolutionSection({ error }: { error: string | null }) {
  const chosen = useComposer((s) => s.form.resolutions);
  const set = useComposer((s) => s.set);
  const toggleGroup = (list: Resolution[]) => {
    const all = list.every((r) => chosen.includes(r));
    set(
      'resolutions',
      all ? chosen.filter((r) => !list.includes(r)) : [...chosen, ...list.filter((r) => !chosen.includes(r))],
    );
  };
  return (
    <section className="card composer-card" aria-labelledby="res-title">
      <div className="card-head">
        <h2 id="res-title">Resolution</h2>
        <span className="muted">
          {chosen.length === 1 ? resolutionLabel(chosen[0]!) : `${chosen.length} chosen`}
        </span>
      </div>
      <Field label="Output size (grouped by nearest aspect ratio)" error={error}>
        {() => (
          <div className="res-groups" data-testid="composer-resolutions">
            {RESOLUTION_GROUPS.map((g) => {
              const on = g.resolutions.filter((r) => chosen.includes(r)).length;
              return (
                <div key={g.label} className={`res-group${on ? ' res-group-on' : ''}`}>
                  <button
                    type="button"
                    className="res-group-head"
                    onClick={() => toggleGroup(g.resolutions)}
                    title={`Choose all ${g.resolutions.length} sizes near ${g.label}`}
                  >
                    <AspectShape ratio={g.ratio} />
                    <span>{g.label}</span>
                  </button>
                  <div className="res-chips">
                    {g.resolutions.map((r) => {
                      const { width, height } = resolutionSize(r);
                      const selected = chosen.includes(r);
                      return (
                        <button
                          key={r}
                          type="button"
                          className={`res-chip${selected ? ' res-chip-on' : ''}`}
                          aria-pressed={selected}
                          title={`${width} x ${height} px (exactly ${resolutionAspect(r)})`}
                          onClick={() => set('resolutions', toggleIn(chosen, r))}
                          data-testid={`res-${r}`}
                        >
                          {width}×{height}
                        </button>
                      );
                    })}
                  </div>
                </div>
              );
            })}
          </div>
        )}
      </Field>
    </section>
  );
}
