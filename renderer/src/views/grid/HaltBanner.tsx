/**
 * The halt banner: when Segmind refuses the key (401), the model (403) or runs out of credits (406) the
 * engine stops submitting for every batch; this says so in plain words and offers the way out.
 */
import type { EngineStatus } from '../../../../shared/contract';
import { studio } from '../../api/studio-api';
import { useNav } from '../../stores/nav-store';

const WORDS: Record<'auth' | 'forbidden' | 'credits', { title: string; hint: string }> = {
  auth: {
    title: 'Segmind did not accept the API key — the queue is paused.',
    hint: 'Check the key in Settings, then resume. Nothing was charged for the refused requests.',
  },
  forbidden: {
    title: 'Segmind says this key may not use the Ideogram model — the queue is paused.',
    hint: 'Check the account’s access on segmind.com, then resume.',
  },
  credits: {
    title: 'Segmind says your credits ran out — the queue is paused.',
    hint: 'Top up your Segmind credits, then resume. Finished images are kept.',
  },
};

export function HaltBanner({ engine, onError }: { engine: EngineStatus | null; onError(m: string): void }) {
  const go = useNav((s) => s.go);
  if (engine?.halt.state !== 'halted') return null;
  const words = WORDS[engine.halt.reason];
  return (
    <div className="halt-banner" role="alert" data-testid="halt-banner" data-reason={engine.halt.reason}>
      <div>
        <strong>{words.title}</strong>
        <p>
          {words.hint} <span className="muted">({engine.halt.message})</span>
        </p>
      </div>
      <div className="halt-actions">
        <button type="button" className="gv-btn" onClick={() => go('settings')}>
          Open settings
        </button>
        <button
          type="button"
          className="gv-btn gv-btn-primary"
          onClick={() => studio['engine:resumeAfterHalt']({}).catch((e: Error) => onError(e.message))}
        >
          Resume
        </button>
      </div>
    </div>
  );
}
