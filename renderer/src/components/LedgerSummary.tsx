/**
 * A ledger in a line: billed (and its dollars), FAILED not billed, reused, pruned, cancelled, ambiguous,
 * in flight, estimated and the cap — the same phrases the CLI prints (shared/economics). Used by the
 * batch header, History cards and Settings (this month). `compact` keeps the dollars and what may have
 * been charged, for a card; simulated dollars say so, since the simulator charges nothing.
 */
import { type Ledger, type LedgerPhrase, ledgerPhrases } from '@shared/economics';

export interface LedgerSummaryProps {
  ledger: Ledger;
  /** The dollars are simulated (simulator backend): nothing was charged. */
  simulated: boolean;
  /** Only billed, ambiguous, unconfirmed and the estimate. Default false. */
  compact?: boolean;
  testId?: string;
}

const COMPACT: readonly LedgerPhrase['key'][] = ['billed', 'ambiguous', 'unconfirmed', 'estimated'];
const WARN: readonly LedgerPhrase['key'][] = ['ambiguous', 'unconfirmed'];

export function LedgerSummary({ ledger, simulated, compact = false, testId }: LedgerSummaryProps) {
  const phrases = ledgerPhrases(ledger, { simulated }).filter((p) => !compact || COMPACT.includes(p.key));
  return (
    <p className="ledger-summary" data-testid={testId ?? 'ledger'} data-simulated={simulated || undefined}>
      {phrases.map((p) => (
        <span
          key={p.key}
          className={`ledger-item${WARN.includes(p.key) ? ' warn' : ''}`}
          data-ledger={p.key}
          title={TITLES[p.key]}
        >
          {p.text}
        </span>
      ))}
    </p>
  );
}

const TITLES: Record<LedgerPhrase['key'], string> = {
  billed: 'Completions Segmind reported: each is billed (the answer’s cost, else the price in Settings)',
  notBilled: 'Jobs Segmind reported FAILED (content blocks and the like): not billed',
  reused: 'Outputs an earlier run already had (dedupe): nothing paid',
  pruned: 'Jobs skipped by a prune: never sent, never paid',
  cancelled: 'Jobs cancelled before they were sent: never paid',
  ambiguous: 'Submits whose answer was lost: Segmind may have accepted, and charged, them',
  unconfirmed: 'Accepted requests whose outcome was never seen (result expired first): possibly charged',
  inFlight: 'Submitted and not finished: billed if they complete',
  estimated: 'What the batch was estimated to cost when it was created',
  cap: 'Spend cap: submitting stops before it would be passed',
};
