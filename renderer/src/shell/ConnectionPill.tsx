/**
 * The top bar's word on the way to Segmind (see connection-model.ts): Healthy, Ready, Rate limited or
 * "Offline — retrying in 20 s", counting down while it waits.
 */
import { useApp } from '../stores/app-store';
import { useNow } from '../views/grid/use-now';
import { connectionModel } from './connection-model';

const DOT = { ok: 'dot-ok', bad: 'dot-bad', warn: 'dot-warn', idle: 'dot-idle' } as const;

export function ConnectionPill() {
  const engine = useApp((s) => s.engine);
  const health = useApp((s) => s.health);
  const ticking = connectionModel(engine, health, Date.now())?.ticking ?? false;
  const now = useNow(ticking);
  const model = connectionModel(engine, health, ticking ? now : Date.now());
  if (!model) return null;
  return (
    <span
      className={`pill${model.tone === 'bad' ? ' pill-bad' : model.tone === 'warn' ? ' pill-warn' : ''}`}
      data-testid="health"
      data-tone={model.tone}
      title={model.detail}
      role={model.tone === 'bad' ? 'status' : undefined}
    >
      <span className={`dot ${DOT[model.tone]}`} />
      {model.label}
    </span>
  );
}
