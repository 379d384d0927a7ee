/**
 * Web mode's offer to notify at batch end, shown once a batch has started (not on page load, so the
 * browser's permission prompt comes when it means something). "Notify me" asks the browser during the
 * click, as browsers require; "Not now" hides the offer for good (Settings keeps the switch).
 */
import { useShallow } from 'zustand/react/shallow';
import { Button } from '../components/Button';
import { useNotify } from '../stores/notify-store';

export function NotifyOffer() {
  const { offer, allow, declineOffer } = useNotify(
    useShallow((s) => ({ offer: s.offer, allow: s.allow, declineOffer: s.declineOffer })),
  );
  if (!offer) return null;
  return (
    <div className="notify-offer" role="status" data-testid="notify-offer">
      <span>Get a notification from this browser when the batch ends?</span>
      <Button size="sm" variant="primary" onClick={() => void allow()} data-testid="notify-allow">
        Notify me
      </Button>
      <Button size="sm" variant="ghost" onClick={declineOffer}>
        Not now
      </Button>
    </div>
  );
}
