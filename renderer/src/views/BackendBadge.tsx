/** Always-visible badge saying which backend is live: the offline simulator or real Segmind. */
import type { AppInfo } from '@shared/contract';

export function BackendBadge({ info }: { info: AppInfo }) {
  const simulated = info.backend === 'simulator';
  return (
    <span
      className={simulated ? 'badge badge-sim' : 'badge badge-live'}
      data-testid="backend-badge"
      title={info.baseUrl}
    >
      {simulated ? 'Simulator (offline)' : 'Segmind (live, costs credits)'}
    </span>
  );
}
