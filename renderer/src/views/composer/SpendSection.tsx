/**
 * Spending in the composer: the batch's spend cap (submitting stops before it would be passed; the batch
 * then pauses and can be given more), next to what the sweep is estimated to cost.
 */
import { formatUsd } from '@shared/economics';
import { Field } from '../../components/Field';
import { parseMaxSpend } from '../../stores/composer-form';
import { useComposer } from '../../stores/composer-store';
import type { OkEstimate } from './use-sweep-estimate';

export function SpendSection({ estimate }: { estimate: OkEstimate | null }) {
  const maxSpend = useComposer((s) => s.form.maxSpend);
  const set = useComposer((s) => s.set);
  const { error } = parseMaxSpend(maxSpend);
  return (
    <section className="card composer-card" aria-labelledby="spend-title">
      <div className="card-head">
        <h2 id="spend-title">Spending</h2>
      </div>
      <Field
        label="Spend cap ($)"
        error={error}
        hint={
          estimate
            ? `Estimated ${formatUsd(estimate.liveUsd)} at ${formatUsd(estimate.priceUsd)} per image${estimate.backend === 'simulator' ? ' if live' : ''}. Empty: no cap.`
            : 'Submitting stops before the batch would spend more. Empty: no cap.'
        }
      >
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            className="input mono"
            inputMode="decimal"
            placeholder="none"
            value={maxSpend}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(e) => set('maxSpend', e.target.value)}
            data-testid="composer-max-spend"
          />
        )}
      </Field>
    </section>
  );
}
