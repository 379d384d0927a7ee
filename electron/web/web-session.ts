/**
 * What web mode keeps in the data folder so a restart changes nothing for a tab left open: the page's
 * session token and the port. Stored in `<data>/web-session.json`, readable by its owner only (0600):
 * the token opens the studio to whoever holds it, like the journal next to it. Written atomically
 * (temp file with the mode set from the start, then rename), so a kill never leaves half a file.
 *
 * The port: the one saved (the page's origin), else DEFAULT_WEB_PORT; when that is taken, any free one,
 * which is then saved. An explicit `--port` is used as given and not remembered.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The port web mode tries first on a data folder that has none saved. */
export const DEFAULT_WEB_PORT = 7431;

export interface WebSession {
  /** 64 hex characters: the page presents it with every call. */
  token: string;
  /** The port last served on, or null when none was saved. */
  port: number | null;
}

export function webSessionPath(dataDir: string): string {
  return path.join(dataDir, 'web-session.json');
}

function isToken(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
}

function isPort(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value < 65536;
}

function read(file: string): Partial<WebSession> {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<WebSession>;
  } catch {
    return {}; // none yet, or unreadable: a new session (the open tab then needs the new URL)
  }
}

/** Writes the session owner-only, atomically. */
export function saveWebSession(dataDir: string, session: WebSession): void {
  const file = webSessionPath(dataDir);
  const temp = `${file}.tmp-${randomBytes(4).toString('hex')}`;
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(temp, `${JSON.stringify(session)}\n`, { mode: 0o600, flag: 'wx' });
  fs.renameSync(temp, file);
}

/** The saved session, creating (and saving) a token when there is none; tightens a too-open file to 0600. */
export function loadWebSession(dataDir: string): WebSession {
  const file = webSessionPath(dataDir);
  const saved = read(file);
  const session: WebSession = {
    token: isToken(saved.token) ? saved.token : randomBytes(32).toString('hex'),
    port: isPort(saved.port) ? saved.port : null,
  };
  if (session.token !== saved.token || session.port !== (saved.port ?? null))
    saveWebSession(dataDir, session);
  else if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  return session;
}
