/**
 * The composer: build a sweep (inputs x prompts x seeds x styles x …), see its size, cost and time live,
 * and start it; a large sweep, or a live run above the confirmation threshold, is confirmed first (the
 * latter stating its dollars). Duplicate / reuse-parameters specs arrive through the nav store's
 * composer seed.
 */
import { formatUsd } from '@shared/economics';
import { needsConfirmation } from '@shared/sweep';
import { useCallback, useEffect, useState } from 'react';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { errorCode, errorText } from '../../components/error-text';
import { registerShortcuts } from '../../shell/shortcut-registry';
import { parseMaxSpend } from '../../stores/composer-form';
import { shownIssues } from '../../stores/composer-issues';
import { useComposer } from '../../stores/composer-store';
import { useNav } from '../../stores/nav-store';
import { usePng } from '../../stores/png-store';
import { PngPanel } from '../png/PngPanel';
import { GuidanceSection } from './GuidanceSection';
import { InputsSection } from './InputsSection';
import { NeighbourhoodSection } from './NeighbourhoodSection';
import { OutputSection } from './OutputSection';
import { PaletteSection } from './PaletteSection';
import { PromptsSection } from './PromptsSection';
import { ResolutionSection } from './ResolutionSection';
import { SeedsSection } from './SeedsSection';
import { SpendSection } from './SpendSection';
import { StyleSection } from './StyleSection';
import { SummaryBar } from './SummaryBar';
import { type OkEstimate, useSweepEstimate } from './use-sweep-estimate';
import { issueFor, useSweepPreview } from './use-sweep-preview';
import './composer.css';

function useComposerSeed(): void {
  const seed = useNav((s) => s.composerSeed);
  useEffect(() => {
    if (!seed) return;
    const spec = useNav.getState().consumeComposerSeed();
    if (spec) useComposer.getState().loadSpec(spec, 'a previous sweep');
  }, [seed]);
}

export function ComposerView() {
  useComposerSeed();
  const preview = useSweepPreview();
  const form = useComposer((s) => s.form);
  const loadedFrom = useComposer((s) => s.loadedFrom);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const touched = useComposer((s) => s.touched);
  const revealAll = useComposer((s) => s.revealAll);
  // Every issue blocks Start and is listed below; a field shows its own in red once touched or on Start.
  const issues = shownIssues(preview.issues, touched, revealAll);
  /** The estimate a live-run confirmation states, while the dialog is open. */
  const [spendAsk, setSpendAsk] = useState<OkEstimate | null>(null);
  const cap = parseMaxSpend(form.maxSpend);
  const money = useSweepEstimate(
    preview.spec,
    preview.concurrency,
    form.paths.length > 0 && preview.issues.length === 0,
  );
  /** What a run can cost at most: the estimate, or the cap when lower. */
  const atMost = (e: OkEstimate) => (cap.usd === null ? e.liveUsd : Math.min(e.liveUsd, cap.usd));

  const create = useCallback(
    async (confirm: { large: boolean; spendUsd?: number }) => {
      setStarting(true);
      setStartError(null);
      try {
        const created = await useComposer.getState().createBatch({
          spec: preview.spec,
          ...(form.outputDir.trim() ? { outputDir: form.outputDir.trim() } : {}),
          ...(form.name.trim() ? { name: form.name.trim() } : {}),
          ...(confirm.large ? { confirmLarge: true } : {}),
          ...(cap.usd !== null ? { maxSpendUsd: cap.usd } : {}),
          ...(confirm.spendUsd !== undefined ? { confirmSpendUsd: confirm.spendUsd } : {}),
        });
        setConfirming(false);
        setSpendAsk(null);
        useNav.getState().openBatch(created.batchId);
      } catch (error) {
        // Main refuses an unconfirmed large sweep, or live run above the threshold, with its own code:
        // ask (the dollars from a fresh estimate), then retry confirmed.
        const code = errorCode(error);
        const fresh = code === 'needs_spend_confirmation' ? await money.refresh() : null;
        if (fresh) setSpendAsk(fresh);
        else if (!confirm.large && code === 'needs_confirmation') setConfirming(true);
        else {
          setConfirming(false);
          setSpendAsk(null);
          setStartError(errorText(error));
        }
      } finally {
        setStarting(false);
      }
    },
    [preview.spec, form.outputDir, form.name, cap.usd, money.refresh],
  );

  const start = useCallback(() => {
    if (starting || cap.error) return;
    if (preview.issues.length > 0) {
      // Start with something to fix shows every error and goes to the first.
      useComposer.getState().revealIssues();
      requestAnimationFrame(() =>
        document.querySelector<HTMLElement>('.composer [aria-invalid="true"]')?.focus(),
      );
      return;
    }
    if (!preview.jobCount) return;
    // Main's answer when it has come back, else the same shared threshold on the local count.
    const large = preview.remote?.needsConfirmation ?? needsConfirmation(preview.jobCount ?? 0);
    if (money.estimate?.needsConfirmation) setSpendAsk(money.estimate);
    else if (large) setConfirming(true);
    else void create({ large: false });
  }, [starting, preview.issues.length, preview.jobCount, preview.remote, create, money.estimate, cap.error]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        start();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [start]);
  useEffect(
    () =>
      registerShortcuts('Composer', [
        { keys: ['Ctrl', 'Enter'], what: 'Start the sweep (⌘ Enter on macOS)' },
        { keys: ['Enter'], what: 'Add the typed path (in the path field)' },
      ]),
    [],
  );

  return (
    <div className="composer" data-testid="composer">
      <div className="composer-scroll">
        <div className="composer-tools">
          <Button size="sm" onClick={() => usePng.getState().setOpen(true)} data-testid="open-png-panel">
            Re-run from a PNG…
          </Button>
        </div>
        <NeighbourhoodSection />
        {loadedFrom && (
          <div className="note-bar" role="status">
            Loaded the parameters of {loadedFrom}. Check the inputs, then start.
            <Button size="sm" variant="ghost" onClick={() => useComposer.getState().reset()}>
              Clear form
            </Button>
          </div>
        )}
        <InputsSection error={issueFor(issues, 'inputs')} />
        <PromptsSection issues={issues} preview={preview.prompts} />
        <div className="two-col">
          <SeedsSection
            error={issueFor(issues, 'seeds') ?? issueFor(issues, 'sweepSeed')}
            seeds={preview.seeds}
          />
          <StyleSection
            styleError={issueFor(issues, 'styles')}
            magicError={issueFor(issues, 'magicPrompts')}
          />
        </div>
        <ResolutionSection error={issueFor(issues, 'resolutions')} />
        <div className="two-col">
          <GuidanceSection
            weightError={issueFor(issues, 'imageWeights')}
            negativeError={issueFor(issues, 'negativePrompts')}
          />
          <PaletteSection error={issueFor(issues, 'palettes')} />
        </div>
        <OutputSection templateError={issueFor(issues, 'template')} />
        <SpendSection estimate={money.estimate} />
      </div>
      <SummaryBar
        preview={preview}
        money={money.estimate}
        starting={starting}
        startError={startError}
        onStart={start}
      />
      <PngPanel />
      <ConfirmDialog
        open={spendAsk !== null}
        title="Start a paid run?"
        confirmLabel={spendAsk ? `Spend up to ${formatUsd(atMost(spendAsk))}` : 'Start'}
        busy={starting}
        onConfirm={() => spendAsk && void create({ large: true, spendUsd: atMost(spendAsk) })}
        onCancel={() => setSpendAsk(null)}
        testId="confirm-spend"
      >
        {spendAsk && (
          <p>
            This runs on Segmind and costs up to <strong>{formatUsd(atMost(spendAsk))}</strong>:{' '}
            {spendAsk.jobsToPay.toLocaleString('en-US')} images to pay at {formatUsd(spendAsk.priceUsd)}
            {spendAsk.reused ? ` (${spendAsk.reused.toLocaleString('en-US')} reused at $0)` : ''}
            {cap.usd !== null && cap.usd < spendAsk.liveUsd
              ? `, stopped by the ${formatUsd(cap.usd)} cap before ${formatUsd(spendAsk.liveUsd)}`
              : ''}
            . Segmind bills every image that completes. {spendAsk.durationText}.
          </p>
        )}
      </ConfirmDialog>
      <ConfirmDialog
        open={confirming}
        title="Start a large sweep?"
        confirmLabel={`Start ${preview.jobCount?.toLocaleString('en-US') ?? ''} jobs`}
        busy={starting}
        onConfirm={() => void create({ large: true })}
        onCancel={() => setConfirming(false)}
        testId="confirm-large"
      >
        <p>
          This sweep makes <strong>{preview.jobCount?.toLocaleString('en-US') ?? 'many'}</strong> images
          {preview.estimate ? ` (${preview.estimate})` : ''}. On Segmind every image costs credits.
        </p>
      </ConfirmDialog>
    </div>
  );
}
