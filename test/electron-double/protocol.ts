/**
 * `protocol` and `net` doubles. Privileged schemes may be registered once and only before `ready`;
 * handlers only after it (Electron: "all methods unless specified can only be used after ready").
 * `request(url)` is the control a test uses to act as the renderer loading a URL of a handled scheme;
 * `net.fetch` serves `file:` URLs from disk as Electron's does and passes others to Node's fetch.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DoubleState } from './state';

type ProtocolHandler = (request: Request) => Response | Promise<Response>;

export interface CustomScheme {
  scheme: string;
  privileges?: Record<string, boolean>;
}

const MIME: Record<string, string> = {
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.html': 'text/html',
};

export class ProtocolDouble {
  privileged: CustomScheme[] | null = null;
  readonly handlers = new Map<string, ProtocolHandler>();

  constructor(private readonly state: DoubleState) {}

  registerSchemesAsPrivileged(schemes: CustomScheme[]): void {
    if (this.state.ready) {
      throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    }
    if (this.privileged) throw new Error('protocol.registerSchemesAsPrivileged can be called only once');
    this.privileged = schemes.map((s) => ({ scheme: s.scheme, privileges: { ...s.privileges } }));
  }

  handle(scheme: string, handler: ProtocolHandler): void {
    this.state.requireReady('protocol.handle');
    if (this.handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    this.handlers.set(scheme, handler);
  }

  unhandle(scheme: string): void {
    this.handlers.delete(scheme);
  }

  isProtocolHandled(scheme: string): boolean {
    return this.handlers.has(scheme);
  }

  /** Control: the renderer requests `url`; the scheme's handler answers (Chromium normalises the URL). */
  async request(url: string): Promise<Response> {
    const scheme = new URL(url).protocol.slice(0, -1);
    const handler = this.handlers.get(scheme);
    if (!handler) throw new Error(`net::ERR_UNKNOWN_URL_SCHEME (${scheme})`);
    return handler(new Request(url));
  }
}

export const net = {
  async fetch(input: string | Request, init?: RequestInit): Promise<Response> {
    const url = typeof input === 'string' ? input : input.url;
    if (!url.startsWith('file:')) return fetch(input, init);
    try {
      const body = await readFile(fileURLToPath(url));
      const type = MIME[extname(fileURLToPath(url)).toLowerCase()] ?? 'application/octet-stream';
      return new Response(body, { status: 200, headers: { 'content-type': type } });
    } catch {
      throw new TypeError(`net::ERR_FILE_NOT_FOUND (${url})`);
    }
  },
  isOnline: () => true,
};
