/**
 * Above the grid while the engine is offline: the same words as the top bar ("Offline — retrying in
 * 20 s"), and what it means for this batch: nothing is submitted, nothing fails for it, and the run
 * resumes by itself when the way is back (no click needed).
 */
import { connectionModel } from '../../shell/connection-model';
import { useApp } from '../../stores/app-store';
import { useNow } from './use-now';

export function OfflineBanner() {
  const engine = useApp((s) => s.engine);
  const offline = engine?.connectivity.state === 'offline';
  const now = useNow(offline);
  if (!offline) return null;
  const model = connectionModel(engine, null, now)!;
  return (
    <div className="gv-offline" role="status" data-testid="grid-offline">
      <strong>{model.label}</strong>
      <span>{model.detail}</span>
    </div>
  );
}
