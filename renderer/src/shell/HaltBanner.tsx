/**
 * Shown while the engine is halted by a 401 / 403 / 406 from Segmind: says so in plain words (the
 * engine's message), offers Settings (to fix the key) and Resume (engine:resumeAfterHalt).
 */
import { useState } from 'react';
import { Button } from '../components/Button';
import { errorText } from '../components/error-text';
import { useApp } from '../stores/app-store';
import { useNav } from '../stores/nav-store';

const HEADLINE = {
  auth: 'Segmind rejected the API key — the queue is paused',
  forbidden: 'Segmind refused this key for this model — the queue is paused',
  credits: 'Segmind says your credits ran out — the queue is paused',
} as const;

export function HaltBanner() {
  const engine = useApp((s) => s.engine);
  const resumeAfterHalt = useApp((s) => s.resumeAfterHalt);
  const go = useNav((s) => s.go);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (engine?.halt.state !== 'halted') return null;
  const { reason, message, sinceMs } = engine.halt;

  const resume = async () => {
    setBusy(true);
    setError(null);
    try {
      await resumeAfterHalt();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="halt-banner" role="alert" data-testid="halt-banner">
      <span className="halt-icon" aria-hidden>
        ■
      </span>
      <div className="halt-text">
        <strong>{HEADLINE[reason]}</strong>
        <span>
          {message} · since {new Date(sinceMs).toLocaleTimeString()}
          {error && <span className="error"> · {error}</span>}
        </span>
      </div>
      {reason !== 'credits' && (
        <Button variant="ghost" onClick={() => go('settings')}>
          Check the API key
        </Button>
      )}
      <Button variant="primary" busy={busy} onClick={resume} data-testid="halt-resume">
        Resume
      </Button>
    </div>
  );
}
