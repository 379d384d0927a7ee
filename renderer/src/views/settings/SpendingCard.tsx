/**
 * Money in Settings: this month's ledger on the backend in use (billed, not billed, ambiguous… and the
 * dollars), the price per generation used when Segmind's answer does not state one, the threshold
 * above which a live run asks for confirmation, and optional daily and monthly spend caps.
 */
import type { SettingsView } from '@shared/contract';
import { formatUsd } from '@shared/economics';
import { useEffect, useState } from 'react';
import { Button } from '../../components/Button';
import { errorText } from '../../components/error-text';
import { Field } from '../../components/Field';
import { LedgerSummary } from '../../components/LedgerSummary';
import { useApp } from '../../stores/app-store';

type Money = Pick<
  SettingsView,
  'pricePerGenerationUsd' | 'confirmAboveUsd' | 'dailyCapUsd' | 'monthlyCapUsd'
>;

const text = (usd: number | null) => (usd === null ? '' : String(usd));

/** The form's text fields for saved settings. */
const initial = (s: Money) => ({
  price: text(s.pricePerGenerationUsd),
  confirm: text(s.confirmAboveUsd),
  daily: text(s.dailyCapUsd),
  monthly: text(s.monthlyCapUsd),
});

/** Dollars from a field: '' is null (no cap) where allowed; anything else must be a sane amount. */
function parseUsd(value: string, optional: boolean): number | null | undefined {
  const t = value.trim().replace(/^\$/, '');
  if (t === '') return optional ? null : undefined;
  const n = Number(t);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

function MonthLine() {
  const month = useApp((s) => s.month);
  const loadMonthLedger = useApp((s) => s.loadMonthLedger);
  // Re-read on mount and whenever jobs change would be chatty: on mount and on save is enough here.
  useEffect(() => void loadMonthLedger(), [loadMonthLedger]);
  if (month.status === 'loading') return <p className="muted small">Reading this month’s ledger…</p>;
  if (month.status === 'error') return <p className="error small">{month.message}</p>;
  const m = month.value;
  const caps = [
    m.dailyCapUsd === null ? null : `today ${formatUsd(m.todayUsd)} of ${formatUsd(m.dailyCapUsd)}`,
    m.monthlyCapUsd === null
      ? null
      : `this month ${formatUsd(m.ledger.billedUsd)} of ${formatUsd(m.monthlyCapUsd)}`,
  ].filter(Boolean);
  return (
    <div className="settings-month" data-testid="settings-month">
      <p className="small">
        This month{m.backend === 'simulator' ? ' on the simulator (nothing is charged)' : ' on Segmind'}:
      </p>
      <LedgerSummary ledger={m.ledger} simulated={m.backend === 'simulator'} testId="settings-ledger" />
      {caps.length > 0 && <p className="muted small">Caps: {caps.join(' · ')}</p>}
      {m.ledger.remainingCredits !== null && (
        <p className="muted small">
          Segmind’s last answer said {formatUsd(m.ledger.remainingCredits)} of credit left.
        </p>
      )}
    </div>
  );
}

export function SpendingCard({ settings }: { settings: SettingsView }) {
  const updateSettings = useApp((s) => s.updateSettings);
  const loadMonthLedger = useApp((s) => s.loadMonthLedger);
  const [form, setForm] = useState(initial(settings));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setForm(initial(settings)), [settings]);

  const values = {
    pricePerGenerationUsd: parseUsd(form.price, false),
    confirmAboveUsd: parseUsd(form.confirm, false),
    dailyCapUsd: parseUsd(form.daily, true),
    monthlyCapUsd: parseUsd(form.monthly, true),
  };
  const invalid = Object.values(values).some((v) => v === undefined) || values.pricePerGenerationUsd === 0;
  const dirty = JSON.stringify(form) !== JSON.stringify(initial(settings));

  const save = async () => {
    if (invalid) return;
    setBusy(true);
    setError(null);
    try {
      await updateSettings(values as Money);
      await loadMonthLedger();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const field = (key: keyof typeof form, label: string, hint: string, placeholder = '') => (
    <Field label={label} hint={hint}>
      {({ id, describedBy }) => (
        <input
          id={id}
          className="input mono"
          inputMode="decimal"
          placeholder={placeholder}
          value={form[key]}
          aria-describedby={describedBy}
          aria-invalid={values[KEYS[key]] === undefined}
          onChange={(e) => setForm((f) => ({ ...f, [key]: e.target.value }))}
          data-testid={`settings-${key}`}
        />
      )}
    </Field>
  );
  return (
    <form
      className="card settings-card"
      aria-labelledby="spending-title"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      data-testid="settings-spending"
    >
      <div className="card-head">
        <h2 id="spending-title">Spending</h2>
      </div>
      <MonthLine />
      <div className="two-col">
        {field(
          'price',
          'Price per generation ($)',
          'Used when Segmind’s answer does not state the cost. List price $0.10.',
        )}
        {field(
          'confirm',
          'Ask before live runs above ($)',
          'A live run estimated above this asks you to confirm its dollars.',
        )}
        {field(
          'daily',
          'Daily cap ($)',
          'Submitting stops before today’s spend would pass it. Empty: none.',
          'none',
        )}
        {field('monthly', 'Monthly cap ($)', 'The same for this calendar month. Empty: none.', 'none')}
      </div>
      <div className="form-actions">
        {error && (
          <p className="error small" role="alert">
            {error}
          </p>
        )}
        <Button
          type="submit"
          variant="primary"
          busy={busy}
          disabled={!dirty || invalid}
          data-testid="settings-spending-save"
        >
          Save spending
        </Button>
      </div>
    </form>
  );
}

const KEYS = {
  price: 'pricePerGenerationUsd',
  confirm: 'confirmAboveUsd',
  daily: 'dailyCapUsd',
  monthly: 'monthlyCapUsd',
} as const;
