/**
 * The desktop side of a running sweep: taskbar / dock progress, the machine kept awake while batches
 * run (an overnight sweep must not stall on system sleep), and a notification when a batch ends that
 * brings the window back when clicked. The decisions are in batch-notices.ts.
 */
import { type BrowserWindow, Notification, powerSaveBlocker } from 'electron';
import type { StudioService } from '../service/studio-service';
import { createBatchTracker } from './batch-notices';
import { showWindow } from './window';

/** Follows `jobs:changed`; returns a function that stops following and releases the wake lock. */
export function watchBatches(
  service: Pick<StudioService, 'on'>,
  window: () => BrowserWindow | null,
): () => void {
  const tracker = createBatchTracker(Date.now());
  // Held until shown and dismissed: a collected Notification loses its click handler.
  const live = new Set<Notification>();
  let blocker: number | null = null;
  const release = () => {
    if (blocker !== null && powerSaveBlocker.isStarted(blocker)) powerSaveBlocker.stop(blocker);
    blocker = null;
  };

  const off = service.on('jobs:changed', ({ batches }) => {
    const outlook = tracker.update(batches);
    const win = window();
    if (win && !win.isDestroyed()) win.setProgressBar(outlook.progress);
    if (outlook.running && blocker === null) blocker = powerSaveBlocker.start('prevent-app-suspension');
    if (!outlook.running) release();
    if (!Notification.isSupported()) return;
    for (const notice of outlook.notices) {
      const notification = new Notification({ title: notice.title, body: notice.body });
      live.add(notification);
      notification.on('click', () => showWindow(window()));
      notification.on('close', () => live.delete(notification));
      notification.show();
    }
  });
  return () => {
    off();
    release();
  };
}
