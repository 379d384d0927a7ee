/** Styles and magic-prompt options as multi-select chips (each chosen value is one more sweep step). */
import { MAGIC_PROMPT_OPTIONS, type MagicPromptOption, STYLE_TYPES, type StyleType } from '@shared/catalogue';
import { ChipGroup } from '../../components/Chip';
import { Field } from '../../components/Field';
import { toggleIn } from '../../stores/composer-form';
import { useComposer } from '../../stores/composer-store';
import { titleCase } from './palette-presets';

const MAGIC_HELP: Record<MagicPromptOption, string> = {
  AUTO: 'Ideogram decides whether to expand the prompt',
  ON: 'Always let Ideogram rewrite and enrich the prompt',
  OFF: 'Use the prompt exactly as written',
};

export function StyleSection({
  styleError,
  magicError,
}: {
  styleError: string | null;
  magicError: string | null;
}) {
  const styles = useComposer((s) => s.form.styles);
  const magic = useComposer((s) => s.form.magicPrompts);
  const set = useComposer((s) => s.set);
  return (
    <section className="card composer-card" aria-labelledby="style-title">
      <div className="card-head">
        <h2 id="style-title">Style</h2>
      </div>
      <Field label="Style type" error={styleError} aside={`${styles.length} chosen`}>
        {() => (
          <ChipGroup
            label="Style type"
            testId="composer-styles"
            options={STYLE_TYPES.map((s: StyleType) => ({
              key: s,
              label: titleCase(s),
              selected: styles.includes(s),
              onToggle: () => set('styles', toggleIn(useComposer.getState().form.styles, s)),
              testId: `style-${s}`,
            }))}
          />
        )}
      </Field>
      <Field label="Magic prompt" error={magicError}>
        {() => (
          <ChipGroup
            label="Magic prompt"
            options={MAGIC_PROMPT_OPTIONS.map((m) => ({
              key: m,
              label: titleCase(m),
              selected: magic.includes(m),
              onToggle: () => set('magicPrompts', toggleIn(useComposer.getState().form.magicPrompts, m)),
              title: MAGIC_HELP[m],
            }))}
          />
        )}
      </Field>
    </section>
  );
}
