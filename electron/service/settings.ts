/**
 * The studio's settings: defaults in code, overrides in the journal's settings table, and the API key
 * only in the KeyStore (the settings table refuses secret keys). Validation of values happens at the
 * contract boundary; the template is checked against the naming rules here.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ServiceError, type SettingsView } from '@shared/contract';
import { DEFAULT_USER_LIMIT } from '@shared/scheduling';
import { DEFAULT_NAMING_TEMPLATE, validateTemplate } from '@shared/sweep';
import type { Journal } from '../db';
import { resolveApiKey } from './api-key';
import type { KeyStore } from './key-store';

export interface StoredSettings {
  defaultConcurrency: number;
  outputDir: string;
  template: string;
  /** The account's requests per minute (its Segmind plan); null = discover from 429s. Default null. */
  requestsPerMinute: number | null;
  /** Minutes offline after which waiting jobs fail; null = wait for ever. Default null. */
  offlineFailAfterMin: number | null;
}

export interface Settings {
  get(): StoredSettings;
  update(patch: Partial<StoredSettings>): StoredSettings;
  view(backend: { kind: 'simulator' | 'segmind'; baseUrl: string }): SettingsView;
  keyStore: KeyStore;
}

/**
 * The default output folder: `~/Pictures/Sweep Studio` where a Pictures folder exists (what an artist
 * looks for), else `<dataDir>/outputs`. With STUDIO_DATA_DIR set (tests, portable use) outputs stay
 * beside the data.
 */
export function defaultOutputDir(dataDir: string): string {
  const pictures = join(homedir(), 'Pictures');
  if (!process.env.STUDIO_DATA_DIR && existsSync(pictures)) return join(pictures, 'Sweep Studio');
  return join(dataDir, 'outputs');
}

export function createSettings(journal: Journal, dataDir: string, keyStore: KeyStore): Settings {
  const defaults: StoredSettings = {
    defaultConcurrency: DEFAULT_USER_LIMIT,
    outputDir: defaultOutputDir(dataDir),
    template: DEFAULT_NAMING_TEMPLATE,
    requestsPerMinute: null,
    offlineFailAfterMin: null,
  };
  const get = (): StoredSettings => ({
    ...defaults,
    ...(journal.settings.get<Partial<StoredSettings>>('studio') ?? {}),
  });
  return {
    get,
    keyStore,
    update(patch) {
      if (patch.template !== undefined) {
        const errors = validateTemplate(patch.template);
        if (errors.length > 0) throw new ServiceError('invalid_input', `template: ${errors.join('; ')}`);
      }
      const next = { ...get(), ...patch };
      journal.settings.set('studio', next);
      return next;
    },
    view(backend) {
      const { source } = resolveApiKey({ keyStore });
      return {
        ...get(),
        backend: backend.kind,
        baseUrl: backend.baseUrl,
        hasApiKey: source !== 'none',
        keyStorage: source === 'stored' ? keyStore.kind : source,
      };
    },
  };
}
