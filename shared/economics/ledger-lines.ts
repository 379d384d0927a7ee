/**
 * The ledger in words, one phrase per figure, for the CLI summary and the UI's compact lines:
 * `billed 18 · $1.80`, `not billed (FAILED) 2`, `reused 4 · $0`, `pruned 6 · $0.60 not spent`, …
 * Zero counts other than billed are left out so a clean run reads as one short line.
 */
import type { Ledger } from './ledger';
import { formatUsd } from './money';

export interface LedgerPhrase {
  key:
    | 'billed'
    | 'notBilled'
    | 'reused'
    | 'pruned'
    | 'cancelled'
    | 'ambiguous'
    | 'unconfirmed'
    | 'inFlight'
    | 'estimated'
    | 'cap';
  text: string;
}

/**
 * The phrases of a ledger, in reading order. `simulated` marks dollars that were never charged
 * (simulator runs): amounts then read `$1.80 simulated`.
 */
export function ledgerPhrases(ledger: Ledger, opts: { simulated?: boolean } = {}): LedgerPhrase[] {
  const usd = (amount: number) => (opts.simulated ? `${formatUsd(amount)} simulated` : formatUsd(amount));
  const out: LedgerPhrase[] = [{ key: 'billed', text: `billed ${ledger.billed} · ${usd(ledger.billedUsd)}` }];
  if (ledger.notBilled) out.push({ key: 'notBilled', text: `FAILED, not billed ${ledger.notBilled}` });
  if (ledger.reused) out.push({ key: 'reused', text: `reused ${ledger.reused} · $0` });
  if (ledger.pruned)
    out.push({ key: 'pruned', text: `pruned ${ledger.pruned} · ${formatUsd(ledger.prunedUsd)} not spent` });
  if (ledger.cancelledOnly) out.push({ key: 'cancelled', text: `cancelled ${ledger.cancelledOnly}` });
  if (ledger.ambiguous)
    out.push({ key: 'ambiguous', text: `ambiguous ${ledger.ambiguous} (answer lost: may be charged)` });
  if (ledger.unconfirmed)
    out.push({ key: 'unconfirmed', text: `unconfirmed ${ledger.unconfirmed} (outcome never seen)` });
  if (ledger.inFlight) out.push({ key: 'inFlight', text: `in flight ${ledger.inFlight}` });
  if (ledger.estimatedUsd !== null)
    out.push({ key: 'estimated', text: `estimated ${usd(ledger.estimatedUsd)}` });
  if (ledger.maxSpendUsd !== null) out.push({ key: 'cap', text: `cap ${formatUsd(ledger.maxSpendUsd)}` });
  return out;
}

/** The phrases joined: `billed 18 · $1.80 · FAILED, not billed 2 · estimated $2.00`. */
export function describeLedger(ledger: Ledger, opts: { simulated?: boolean } = {}): string {
  return ledgerPhrases(ledger, opts)
    .map((p) => p.text)
    .join(' · ');
}
