/**
 * Which Segmind key the studio uses, decided in one place: the environment's SEGMIND_API_KEY wins (it
 * is never written anywhere), else the key the user stored in settings (KeyStore), else none, which
 * means the offline simulator. The CLI, the service's backend choice, the settings screen's "where is
 * the key kept" and the log's redaction list all ask here.
 */
import type { KeyStore } from './key-store';

/** Where the key in use came from. */
export type ApiKeySource = 'env' | 'stored' | 'none';

export interface ResolvedApiKey {
  /** The key, trimmed; null when there is none (the simulator is used). */
  key: string | null;
  source: ApiKeySource;
}

export interface ResolveApiKeyOptions {
  /** Environment to read SEGMIND_API_KEY from. Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** The user's stored key, if this caller has a store (the CLI has none). Default: none. */
  keyStore?: Pick<KeyStore, 'load'>;
}

/** The key to use and its source. */
export function resolveApiKey(options: ResolveApiKeyOptions = {}): ResolvedApiKey {
  const fromEnv = (options.env ?? process.env).SEGMIND_API_KEY?.trim();
  if (fromEnv) return { key: fromEnv, source: 'env' };
  const stored = options.keyStore?.load()?.trim();
  if (stored) return { key: stored, source: 'stored' };
  return { key: null, source: 'none' };
}
