/**
 * Colour palettes: "none", Ideogram's presets (shown with approximate swatches — Ideogram does not
 * publish their colours) and custom palettes of hex colours with weights. Each chosen palette is one
 * more sweep step.
 */
import {
  PALETTE_MAX_MEMBERS,
  PALETTE_PRESETS,
  PALETTE_WEIGHT_MAX,
  PALETTE_WEIGHT_MIN,
} from '@shared/catalogue';
import { Button } from '../../components/Button';
import { ChipGroup } from '../../components/Chip';
import { Field } from '../../components/Field';
import { Swatch } from '../../components/Swatch';
import { type PaletteMemberDraft, toggleIn } from '../../stores/composer-form';
import { useComposer } from '../../stores/composer-store';
import { PRESET_SWATCHES, titleCase } from './palette-presets';

const STARTER: PaletteMemberDraft[] = [
  { hex: '#1F3A5F', weight: 1 },
  { hex: '#E07A5F', weight: 0.6 },
  { hex: '#F2CC8F', weight: 0.3 },
];

function CustomPalette({
  members,
  onChange,
  onRemove,
  index,
}: {
  members: PaletteMemberDraft[];
  onChange: (m: PaletteMemberDraft[]) => void;
  onRemove: () => void;
  index: number;
}) {
  const patch = (i: number, p: Partial<PaletteMemberDraft>) =>
    onChange(members.map((m, k) => (k === i ? { ...m, ...p } : m)));
  return (
    <div className="custom-palette" data-testid={`custom-palette-${index}`}>
      <div className="custom-palette-head">
        <Swatch colors={members.map((m) => m.hex)} weights={members.map((m) => m.weight)} size={18} />
        <span>Custom {index + 1}</span>
        <button
          type="button"
          className="icon-btn"
          onClick={onRemove}
          aria-label={`Remove custom palette ${index + 1}`}
        >
          ×
        </button>
      </div>
      {members.map((m, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: members are edited in place by position.
        <div key={i} className="member-row">
          <input
            type="color"
            value={/^#[0-9a-fA-F]{6}$/.test(m.hex) ? m.hex : '#000000'}
            onChange={(e) => patch(i, { hex: e.target.value.toUpperCase() })}
            aria-label={`Colour ${i + 1}`}
          />
          <input
            className="input mono hex-input"
            value={m.hex}
            onChange={(e) => patch(i, { hex: e.target.value.trim() })}
            aria-label={`Colour ${i + 1} hex`}
          />
          <input
            type="range"
            min={PALETTE_WEIGHT_MIN}
            max={PALETTE_WEIGHT_MAX}
            step={0.05}
            value={m.weight}
            onChange={(e) => patch(i, { weight: Number(e.target.value) })}
            aria-label={`Colour ${i + 1} weight`}
          />
          <span className="mono weight-value">{m.weight.toFixed(2)}</span>
          <button
            type="button"
            className="icon-btn"
            disabled={members.length === 1}
            onClick={() => onChange(members.filter((_, k) => k !== i))}
            aria-label={`Remove colour ${i + 1}`}
          >
            ×
          </button>
        </div>
      ))}
      {members.length < PALETTE_MAX_MEMBERS && (
        <Button
          size="sm"
          variant="ghost"
          onClick={() => onChange([...members, { hex: '#888888', weight: 0.5 }])}
        >
          + Colour
        </Button>
      )}
    </div>
  );
}

export function PaletteSection({ error }: { error: string | null }) {
  const none = useComposer((s) => s.form.paletteNone);
  const presets = useComposer((s) => s.form.palettePresets);
  const customs = useComposer((s) => s.form.customPalettes);
  const set = useComposer((s) => s.set);
  const count = (none ? 1 : 0) + presets.length + customs.length;
  return (
    <section className="card composer-card" aria-labelledby="palette-title">
      <div className="card-head">
        <h2 id="palette-title">Colour palette</h2>
        <span className="muted">{count <= 1 ? '' : `${count} palettes`}</span>
      </div>
      <Field
        label="Presets"
        hint="Preset swatches are approximate: Ideogram publishes only the names."
        error={error}
      >
        {() => (
          <ChipGroup
            label="Palette presets"
            options={[
              {
                key: 'none',
                label: 'None',
                selected: none,
                onToggle: () => set('paletteNone', !useComposer.getState().form.paletteNone),
                title: 'No palette: Ideogram picks colours',
              },
              ...PALETTE_PRESETS.map((p) => ({
                key: p,
                label: titleCase(p),
                selected: presets.includes(p),
                onToggle: () =>
                  set('palettePresets', toggleIn(useComposer.getState().form.palettePresets, p)),
                icon: (
                  <Swatch
                    colors={PRESET_SWATCHES[p]}
                    size={12}
                    title={`${titleCase(p)} (approximate colours)`}
                  />
                ),
              })),
            ]}
          />
        )}
      </Field>
      <div className="custom-palettes">
        {customs.map((members, i) => (
          <CustomPalette
            // biome-ignore lint/suspicious/noArrayIndexKey: custom palettes have no identity beyond position.
            key={i}
            index={i}
            members={members}
            onChange={(m) =>
              set(
                'customPalettes',
                customs.map((c, k) => (k === i ? m : c)),
              )
            }
            onRemove={() =>
              set(
                'customPalettes',
                customs.filter((_, k) => k !== i),
              )
            }
          />
        ))}
        <Button size="sm" variant="ghost" onClick={() => set('customPalettes', [...customs, STARTER])}>
          + Custom palette
        </Button>
      </div>
    </section>
  );
}
