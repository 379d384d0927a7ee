/**
 * Resolutions grouped by aspect, each group with a little rectangle of its shape; multi-select. First,
 * "Match each input": one choice that gives every photo the size nearest its own shape.
 */
import {
  MATCH_INPUT,
  type Resolution,
  resolutionAspect,
  resolutionChoiceLabel,
  resolutionSize,
} from '@shared/catalogue';
import { Field } from '../../components/Field';
import { useRovingFocus } from '../../components/use-roving-focus';
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
      all
        ? chosen.filter((r) => !(list as string[]).includes(r))
        : [...chosen, ...list.filter((r) => !chosen.includes(r))],
    );
  };
  // One Tab stop for every size: Left / Right move along an aspect's row, Up / Down between aspects.
  const roving = useRovingFocus(
    RESOLUTION_GROUPS.flatMap((g, row) => [
      { key: `group:${g.label}`, row },
      ...g.resolutions.map((r) => ({ key: r, row, selected: chosen.includes(r) })),
    ]),
  );
  const matching = chosen.includes(MATCH_INPUT);
  return (
    <section className="card composer-card" aria-labelledby="res-title">
      <div className="card-head">
        <h2 id="res-title">Resolution</h2>
        <span className="muted">
          {chosen.length === 1
            ? chosen[0] === MATCH_INPUT
              ? 'each input’s own shape'
              : resolutionChoiceLabel(chosen[0]!)
            : `${chosen.length} chosen`}
        </span>
      </div>
      <div className="res-match">
        <button
          type="button"
          className={`res-chip res-match-chip${matching ? ' res-chip-on' : ''}`}
          aria-pressed={matching}
          onClick={() => set('resolutions', toggleIn(chosen, MATCH_INPUT))}
          data-testid="res-match"
          title="Per input, the size nearest its aspect ratio (then its area): a panorama stays wide, a portrait tall"
        >
          Match each input
        </button>
        <span className="muted small">
          each photo keeps its shape (the nearest of the 78 sizes); one value beside any sizes you pick below
        </span>
      </div>
      <Field label="Output size (grouped by nearest aspect ratio)" error={error}>
        {() => (
          <fieldset
            className="res-groups"
            aria-label="Output sizes (arrow keys move, Space chooses)"
            data-testid="composer-resolutions"
            {...roving.containerProps}
          >
            {RESOLUTION_GROUPS.map((g) => {
              const on = g.resolutions.filter((r) => chosen.includes(r)).length;
              const all = on === g.resolutions.length;
              return (
                <div key={g.label} className={`res-group${on ? ' res-group-on' : ''}`}>
                  {/* biome-ignore lint/a11y/useSemanticElements: a checkbox drawn as a button (mixed when some sizes are chosen), focusable for the group's roving tabindex. */}
                  <button
                    type="button"
                    role="checkbox"
                    aria-checked={all ? true : on > 0 ? 'mixed' : false}
                    className="res-group-head"
                    onClick={() => toggleGroup(g.resolutions)}
                    title={`Choose all ${g.resolutions.length} sizes near ${g.label}`}
                    {...roving.itemProps(`group:${g.label}`)}
                  >
                    <AspectShape ratio={g.ratio} />
                    <span>{g.label}</span>
                  </button>
                  <div className="res-chips">
                    {g.resolutions.map((r) => {
                      const { width, height } = resolutionSize(r);
                      const selected = chosen.includes(r);
                      return (
                        // biome-ignore lint/a11y/useSemanticElements: a checkbox drawn as a chip, focusable for the group's roving tabindex.
                        <button
                          key={r}
                          type="button"
                          role="checkbox"
                          className={`res-chip${selected ? ' res-chip-on' : ''}`}
                          aria-checked={selected}
                          title={`${width} x ${height} px (exactly ${resolutionAspect(r)})`}
                          onClick={() =>
                            set('resolutions', toggleIn(useComposer.getState().form.resolutions, r))
                          }
                          data-testid={`res-${r}`}
                          {...roving.itemProps(r)}
                        >
                          {width}×{height}
                        </button>
                      );
                    })}
                  </div>
                </div>
              );
            })}
          </fieldset>
        )}
      </Field>
    </section>
  );
}
