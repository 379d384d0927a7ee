/** Styles and magic-prompt options as multi-select chips (each chosen value is one more sweep step). */
import { MAGIC_PROMPT_OPTIONS, type MagicPromptOption, STYLE_TYPES, type StyleType } from '@shared/catalogue';
import { Chip } from '../../components/Chip';
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
          <fieldset className="chips" aria-label="Style type" data-testid="composer-styles">
            {STYLE_TYPES.map((s: StyleType) => (
              <Chip
                key={s}
                selected={styles.includes(s)}
                onToggle={() => set('styles', toggleIn(styles, s))}
                testId={`style-${s}`}
              >
                {titleCase(s)}
              </Chip>
            ))}
          </fieldset>
        )}
      </Field>
      <Field label="Magic prompt" error={magicError}>
        {() => (
          <fieldset className="chips" aria-label="Magic prompt">
            {MAGIC_PROMPT_OPTIONS.map((m) => (
              <Chip
                key={m}
                selected={magic.includes(m)}
                onToggle={() => set('magicPrompts', toggleIn(magic, m))}
                title={MAGIC_HELP[m]}
              >
                {titleCase(m)}
              </Chip>
            ))}
          </fieldset>
        )}
      </Field>
    </section>
  );
}
