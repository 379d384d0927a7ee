/**
 * Prompts, one per line, with `{a|b}` permutations, beside a live list of what they expand to. Syntax
 * errors point at the line (the validator's `prompts[i]` is mapped back to the line it came from).
 */
import { Field } from '../../components/Field';
import type { FormIssue } from '../../stores/composer-form';
import { promptLines } from '../../stores/composer-form';
import { useComposer } from '../../stores/composer-store';
import type { PromptLinePreview } from './local-preview';

function promptError(issues: FormIssue[], text: string): string | null {
  const { lines } = promptLines(text);
  const messages = issues
    .filter((i) => i.field === 'prompts' || i.field.startsWith('prompts['))
    .map((i) => {
      const m = /^prompts\[(\d+)\]/.exec(i.field);
      return m ? `Line ${lines[Number(m[1])] ?? Number(m[1]) + 1}: ${i.message}` : i.message;
    });
  return messages.length ? messages.join(' · ') : null;
}

export function PromptsSection({ issues, preview }: { issues: FormIssue[]; preview: PromptLinePreview[] }) {
  const text = useComposer((s) => s.form.promptsText);
  const set = useComposer((s) => s.set);
  const total = preview.reduce((n, p) => n + p.count, 0);
  return (
    <section className="card composer-card" aria-labelledby="prompts-title">
      <div className="card-head">
        <h2 id="prompts-title">Prompts</h2>
        <span className="muted" data-testid="prompt-variant-count">
          {total.toLocaleString('en-US')} variant{total === 1 ? '' : 's'}
        </span>
      </div>
      <div className="prompts-grid">
        <Field
          label="One prompt per line"
          error={promptError(issues, text)}
          onLeave={() => useComposer.getState().touch('prompts')}
          hint={
            <>
              <code>{'{a|b}'}</code> makes one variant per choice; groups multiply and nest;{' '}
              <code>__name__</code> takes each line of <code>name.txt</code> (wildcards folder);{' '}
              <code>{'{caption}'}</code> is each image’s caption; <code>\{'{'}</code> writes a brace.
            </>
          }
        >
          {({ id, describedBy, invalid }) => (
            <textarea
              id={id}
              className="input mono prompts-input"
              rows={6}
              spellCheck={false}
              placeholder={
                'a {watercolour|ink} sketch of the scene\nthe same scene at {dawn|night}, cinematic light'
              }
              value={text}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(e) => set('promptsText', e.target.value)}
              data-testid="composer-prompts"
            />
          )}
        </Field>
        <aside className="variants" aria-label="Expanded prompts" data-testid="prompt-preview">
          {preview.length === 0 ? (
            <p className="muted variants-empty">Expanded prompts appear here as you type.</p>
          ) : (
            preview.map((p) => (
              <div key={p.line} className={`variant-group${p.error ? ' variant-bad' : ''}`}>
                <div className="variant-head">
                  <span className="line-no">L{p.line}</span>
                  <span>{p.error ? 'does not parse' : `${p.count.toLocaleString('en-US')} variant(s)`}</span>
                </div>
                {p.error ? (
                  <p className="error small">{p.error}</p>
                ) : (
                  <ol>
                    {p.variants.map((v, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: variants are positional.
                      <li key={i}>{v}</li>
                    ))}
                    {p.count > p.variants.length && (
                      <li className="muted">
                        … {(p.count - p.variants.length).toLocaleString('en-US')} more
                      </li>
                    )}
                  </ol>
                )}
              </div>
            ))
          )}
        </aside>
      </div>
    </section>
  );
}
