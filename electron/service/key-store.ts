/**
 * Where the Segmind API key lives. Never in SQLite, logs or errors: the Electron shell supplies a
 * store backed by the OS keychain (safeStorage); web mode and tests keep it in memory for the run.
 * An environment key always wins over a stored one and is never written anywhere (see api-key.ts).
 */
export interface KeyStore {
  readonly kind: 'safe-storage' | 'memory';
  load(): string | null;
  save(key: string | null): void;
}

/** A store that forgets the key when the process ends. */
export function createMemoryKeyStore(initial: string | null = null): KeyStore {
  let key = initial;
  return {
    kind: 'memory',
    load: () => key,
    save: (next) => {
      key = next;
    },
  };
}
