/**
 * The web-mode transport: contract calls go to `POST /api/call/<method>` with the session token, events
 * arrive over SSE. The token comes from the URL the server printed; it is then kept in sessionStorage
 * and removed from the address bar so it does not end up in screenshots or history.
 *
 * The studio may go away and come back (restarted, the laptop woke up): web mode keeps its port and
 * token in its data folder, so the same page can simply reconnect. The event stream is the connection
 * watch: when it drops, the link is 'lost' and calls wait (they are not sent into the void, so the page
 * never shows "Failed to fetch"); the browser asks again every second (the server's `retry:` hint), or
 * this bridge opens a new stream when the browser gave up; once it is open the link is 'live', waiting
 * calls go out and stores re-read what they show. A call cut off in mid-air is sent again once the
 * studio is back, except the few whose repeat would do something twice.
 */
import { type ConnectionState, type EventName, type MethodName, mediaPath } from '@shared/contract';
import type { Transport } from '@shared/contract/client-factory';
import type { Outcome } from '@shared/contract/contract-kit';

const TOKEN_KEY = 'sweep-studio-token';
/** Delay before opening a new event stream after the browser closed one; doubles up to the cap. */
const REOPEN_MIN_MS = 1_000;
const REOPEN_MAX_MS = 10_000;
/**
 * Calls that may have been carried out when the connection broke during them, and that must not run
 * twice (a second batch, a second deletion, a retry reported as a conflict): they fail with a message
 * saying so instead of being repeated.
 */
const NOT_REPEATED: ReadonlySet<MethodName> = new Set<MethodName>([
  'batch:create',
  'batch:delete',
  'batch:retryFailed',
  'job:retry',
]);

function takeToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.toString());
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

/** Builds the transport for the page's own origin. */
export function createWebTransport(): Transport {
  const token = takeToken();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  let state: ConnectionState = 'live';
  const waiting: (() => void)[] = [];
  let source: EventSource | null = null;
  let reopenTimer: ReturnType<typeof setTimeout> | null = null;
  let reopenDelay = REOPEN_MIN_MS;

  function setState(next: ConnectionState): void {
    if (next === state) return;
    state = next;
    if (next === 'live') for (const resume of waiting.splice(0)) resume();
    for (const listener of connectionListeners) listener(next);
  }

  function dispatchTo(es: EventSource, name: EventName): void {
    es.addEventListener(name, (ev) => {
      const payload = JSON.parse((ev as MessageEvent<string>).data);
      for (const listener of listeners.get(name) ?? []) listener(payload);
    });
  }

  /** Opens the event stream (once); it also tells when the studio is reachable again. */
  function openStream(): void {
    if (source || reopenTimer) return;
    const es = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    source = es;
    for (const name of listeners.keys()) dispatchTo(es, name);
    es.onopen = () => {
      reopenDelay = REOPEN_MIN_MS;
      setState('live');
    };
    es.onerror = () => {
      setState('lost');
      // CONNECTING: the browser retries by itself. CLOSED: it gave up (an error answer: a proxy's page,
      // or a 401 because the studio now has another session). Waiting calls go out once each, so an
      // answer the studio does give (such as that 401) reaches the page; unanswered ones wait again.
      if (es.readyState !== EventSource.CLOSED) return;
      es.close();
      source = null;
      for (const resume of waiting.splice(0)) resume();
      reopenTimer = setTimeout(() => {
        reopenTimer = null;
        openStream();
      }, reopenDelay);
      reopenDelay = Math.min(REOPEN_MAX_MS, reopenDelay * 2);
    };
  }

  /** Resolves once the studio is reachable (at once when it is). */
  function whenLive(): Promise<void> {
    if (state === 'live') return Promise.resolve();
    openStream();
    return new Promise((resolve) => waiting.push(resolve));
  }

  async function send(method: MethodName, args: unknown): Promise<Response> {
    return fetch(`/api/call/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-studio-token': token },
      body: JSON.stringify(args),
    });
  }

  return {
    async invoke(method: MethodName, args: unknown): Promise<Outcome<unknown>> {
      for (;;) {
        await whenLive();
        try {
          const res = await send(method, args);
          if (res.status === 401) {
            return {
              ok: false,
              error: {
                code: 'auth',
                message:
                  'This page’s session with the studio has ended (it was started with a new session); open the link the studio printed',
              },
            };
          }
          if (!res.ok)
            return { ok: false, error: { code: 'internal', message: `web bridge: HTTP ${res.status}` } };
          return (await res.json()) as Outcome<unknown>;
        } catch {
          // The studio did not answer (it stopped or restarted): wait for it, then go on.
          setState('lost');
          openStream();
          if (NOT_REPEATED.has(method)) {
            return {
              ok: false,
              error: {
                code: 'internal',
                message: `The connection to the studio broke during ${method}; once it is back, check whether it was done before trying again`,
              },
            };
          }
        }
      }
    },
    mediaUrl: (ref) => `/api/${mediaPath(ref)}?token=${encodeURIComponent(token)}`,
    subscribe(name, listener) {
      let set = listeners.get(name);
      if (!set) {
        set = new Set();
        listeners.set(name, set);
        if (source) dispatchTo(source, name);
      }
      set.add(listener);
      openStream();
      return () => set.delete(listener);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
  };
}
