/**
 * The settings repository: small JSON values by key (concurrency, last folders, UI preferences).
 * Secrets never live here: the API key belongs to the OS keychain or the environment, so a key that
 * looks like one is refused outright rather than quietly written to a plain-text database.
 */
import type { Database } from 'better-sqlite3';

/** Thrown when a caller tries to store something named like an API key. */
export class SecretSettingError extends Error {
  override readonly name = 'SecretSettingError';
  constructor(readonly key: string) {
    super(`refusing to store setting '${key}': API keys are never written to the journal`);
  }
}

// Matches apiKey, api_key, api-key, segmindApiKey, API_KEY… in any case.
const SECRET_KEY = /api[-_]?key/i;

/** True when `key` names something that must not be stored in settings. */
export function isSecretSettingKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

export interface SettingsRepo {
  get<T = unknown>(key: string): T | undefined;
  /** Stores any JSON-serialisable value. @throws SecretSettingError for API-key-like keys. */
  set(key: string, value: unknown): void;
  delete(key: string): boolean;
  all(): Record<string, unknown>;
}

export function createSettingsRepo(db: Database): SettingsRepo {
  const one = db.prepare<[string], { value_json: string }>('SELECT value_json FROM settings WHERE key = ?');
  const upsert = db.prepare<[string, string]>(
    'INSERT INTO settings (key, value_json) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json',
  );
  const del = db.prepare<[string]>('DELETE FROM settings WHERE key = ?');
  const every = db.prepare<[], { key: string; value_json: string }>(
    'SELECT key, value_json FROM settings ORDER BY key',
  );

  return {
    get<T>(key: string) {
      const r = one.get(key);
      return r === undefined ? undefined : (JSON.parse(r.value_json) as T);
    },
    set(key, value) {
      if (isSecretSettingKey(key)) throw new SecretSettingError(key);
      if (value === undefined)
        throw new TypeError(`setting '${key}' needs a value; use delete() to remove it`);
      upsert.run(key, JSON.stringify(value));
    },
    delete: (key) => del.run(key).changes === 1,
    all: () => Object.fromEntries(every.all().map((r) => [r.key, JSON.parse(r.value_json)])),
  };
}
