/**
 * "Tell me when it is done" in web mode (issue 12 §7): the browser's Notification API, as the desktop
 * shell shows an OS notification. What to say and when comes from @shared/notices (the same decision
 * the desktop uses); this store holds the browser's permission, the artist's choice for this browser
 * (kept in localStorage: it belongs to the browser, not the studio), and the offer to turn it on,
 * made when a batch starts rather than on page load. The desktop shell never uses it (Electron's window
 * refuses web permissions; main notifies there).
 */
import { createEndAnnouncer } from '@shared/notices';
import { create } from 'zustand';
import { studio } from '../api/studio-api';
import { useNav } from './nav-store';

export type NotifyPermission = 'default' | 'granted' | 'denied' | 'unsupported';

export interface NotifyState {
  permission: NotifyPermission;
  /** Notify at batch end in this browser (once the permission is granted). Default on. */
  enabled: boolean;
  /** Show the "notify me when it ends?" offer (a batch just started, the browser has not been asked). */
  offer: boolean;
  /** Follows `jobs:changed` and notifies at batch end (web mode only); returns the stop function. */
  start(): () => void;
  /** A batch was started here: offer notifications if the browser was never asked and no one declined. */
  batchStarted(): void;
  /** Asks the browser (call from a click: browsers only ask during a user gesture). */
  allow(): Promise<void>;
  setEnabled(enabled: boolean): void;
  /** "Not now": hides the offer for good in this browser (settings still has the switch). */
  declineOffer(): void;
}

const ENABLED_KEY = 'sweep-studio.notify-at-batch-end';
const DECLINED_KEY = 'sweep-studio.notify-offer-declined';

function browserPermission(): NotifyPermission {
  if (typeof window === 'undefined' || !('Notification' in window)) return 'unsupported';
  return window.Notification.permission as NotifyPermission;
}

function stored(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null; // storage blocked (private mode, policy): fall back to the defaults
  }
}

function store(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Storage blocked: the choice holds for this page only, which is the best the browser allows.
  }
}

/** Web mode only: the Electron preload puts its transport on the window. */
const inBrowser = () => typeof window !== 'undefined' && !window.studioTransport;

export const useNotify = create<NotifyState>((set, get) => ({
  permission: browserPermission(),
  enabled: stored(ENABLED_KEY) !== 'off',
  offer: false,

  start() {
    if (!inBrowser()) return () => {};
    const announcer = createEndAnnouncer(Date.now());
    return studio.on('jobs:changed', ({ batches }) => {
      const notices = announcer.update(batches);
      const { enabled } = get();
      const permission = browserPermission();
      if (permission !== get().permission) set({ permission });
      if (!enabled || permission !== 'granted') return;
      for (const notice of notices) {
        const note = new window.Notification(notice.title, { body: notice.body, tag: notice.batchId });
        note.onclick = () => {
          window.focus();
          useNav.getState().openBatch(notice.batchId);
          note.close();
        };
      }
    });
  },

  batchStarted() {
    if (!inBrowser() || browserPermission() !== 'default' || stored(DECLINED_KEY) === 'yes') return;
    set({ offer: true });
  },

  async allow() {
    if (browserPermission() === 'unsupported') return;
    const answer = await window.Notification.requestPermission();
    set({ permission: answer as NotifyPermission, offer: false });
    if (answer === 'granted') get().setEnabled(true);
  },

  setEnabled(enabled) {
    store(ENABLED_KEY, enabled ? 'on' : 'off');
    set({ enabled });
  },

  declineOffer() {
    store(DECLINED_KEY, 'yes');
    set({ offer: false });
  },
}));
