/**
 * The web-mode transport: contract calls go to `POST /api/call/<method>` with the per-run token, events
 * arrive over SSE. The token comes from the URL the server printed; it is then kept in sessionStorage
 * and removed from the address bar so it does not end up in screenshots or history.
 */
import { type EventName, type MethodName, mediaPath } from '@shared/contract';
import type { Transport } from '@shared/contract/client-factory';
import type { Outcome } from '@shared/contract/contract-kit';

const TOKEN_KEY = 'sweep-studio-token';

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
  let source: EventSource | null = null;
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  function ensureSource(name: EventName): void {
    if (!source) source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    if (listeners.get(name)?.size === 1) {
      source.addEventListener(name, (ev) => {
        const payload = JSON.parse((ev as MessageEvent<string>).data);
        for (const listener of listeners.get(name) ?? []) listener(payload);
      });
    }
  }

  return {
    async invoke(method: MethodName, args: unknown): Promise<Outcome<unknown>> {
      const res = await fetch(`/api/call/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-studio-token': token },
        body: JSON.stringify(args),
      });
      if (!res.ok)
        return { ok: false, error: { code: 'internal', message: `web bridge: HTTP ${res.status}` } };
      return (await res.json()) as Outcome<unknown>;
    },
    mediaUrl: (ref) => `/api/${mediaPath(ref)}?token=${encodeURIComponent(token)}`,
    subscribe(name, listener) {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      set.add(listener);
      ensureSource(name);
      return () => set.delete(listener);
    },
  };
}
