/**
 * Web mode's gatekeeping: a request must name this server's own loopback host (DNS-rebinding defence),
 * carry no foreign Origin (cross-site defence) and, for API and media routes, present the per-run token.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface GuardConfig {
  port: number;
  token: string;
}

export type GuardVerdict = { ok: true } | { ok: false; status: 401 | 403 | 421; reason: string };

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** Host header must be one of our loopback names with our port. */
export function checkHost(req: IncomingMessage, port: number): GuardVerdict {
  const host = (req.headers.host ?? '').toLowerCase();
  const allowed = LOOPBACK_NAMES.map((name) => `${name}:${port}`);
  return allowed.includes(host)
    ? { ok: true }
    : { ok: false, status: 421, reason: `host ${host} is not allowed` };
}

/** A present Origin must be our own origin; absent Origin (same-origin GET, curl) is fine. */
export function checkOrigin(req: IncomingMessage, port: number): GuardVerdict {
  const origin = req.headers.origin;
  if (origin === undefined) return { ok: true };
  const allowed = LOOPBACK_NAMES.map((name) => `http://${name}:${port}`);
  return allowed.includes(origin.toLowerCase())
    ? { ok: true }
    : { ok: false, status: 403, reason: `origin ${origin} is not allowed` };
}

/** Compares the presented token (header `x-studio-token` or `?token=`) in constant time. */
export function checkToken(req: IncomingMessage, url: URL, token: string): GuardVerdict {
  const header = req.headers['x-studio-token'];
  const presented = (typeof header === 'string' ? header : null) ?? url.searchParams.get('token') ?? '';
  const a = Buffer.from(presented);
  const b = Buffer.from(token);
  const same = a.length === b.length && timingSafeEqual(a, b);
  return same ? { ok: true } : { ok: false, status: 401, reason: 'missing or wrong studio token' };
}
