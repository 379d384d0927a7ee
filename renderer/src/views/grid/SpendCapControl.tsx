/**
 * The batch's spend cap in the header: what it is, and a field to set or raise it. A batch paused at its
 * cap ("spend cap reached ($2.00 of $2.00)") goes on by itself once the new cap has room.
 */
import type { BatchView } from '@shared/contract';
import { formatUsd } from '@shared/economics';
import { useEffect, useState } from 'react';
import { Button } from '../../components/Button';
import { useBatchStore } from '../../stores/batch-store';

export interface SpendCapControlProps {
  batch: BatchView;
  onError(message: string): void;
}

/** '' = no cap; otherwise dollars, not negative. Null when the text is not an amount. */
export function parseCapText(text: string): number | null | 'none' {
  const t = text.trim().replace(/^\$/, '');
  if (t === '') return 'none';
  const value = Number(t);
  return Number.isFinite(value) && value >= 0 ? value : null;
}

export function SpendCapControl({ batch, onError }: SpendCapControlProps) {
  const cap = batch.ledger.maxSpendUsd;
  const [text, setText] = useState(cap === null ? '' : String(cap));
  const [busy, setBusy] = useState(false);
  useEffect(() => setText(cap === null ? '' : String(cap)), [cap]);
  const parsed = parseCapText(text);
  const next = parsed === 'none' ? null : parsed;
  const changed = parsed !== null && next !== cap;
  const save = () => {
    if (!changed) return;
    setBusy(true);
    useBatchStore
      .getState()
      .setMaxSpend(batch.id, next)
      .catch((e: Error) => onError(e.message))
      .finally(() => setBusy(false));
  };
  return (
    <form
      className="spend-cap"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
      title="Spend cap of this batch: submitting stops before it would be passed"
    >
      <label className="muted" htmlFor={`cap-${batch.id}`}>
        Cap $
      </label>
      <input
        id={`cap-${batch.id}`}
        className="input spend-cap-input"
        inputMode="decimal"
        placeholder="none"
        value={text}
        aria-invalid={parsed === null}
        onChange={(e) => setText(e.target.value)}
        data-testid="spend-cap-input"
      />
      <Button size="sm" type="submit" disabled={!changed} busy={busy} data-testid="spend-cap-save">
        {next !== null && cap !== null && next > cap ? 'Raise cap' : 'Set cap'}
      </Button>
      {cap !== null && (
        <span className="muted small" data-testid="spend-cap-committed">
          {formatUsd(batch.ledger.committedUsd)} of {formatUsd(cap)} committed
        </span>
      )}
    </form>
  );
}
