/**
 * The studio's settings: defaults in code, overrides in the journal's settings table, and the API key
 * only in the KeyStore (the settings table refuses secret keys). Validation of values happens at the
 * contract boundary; the template is checked against the naming rules here.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ServiceError, type SettingsView } from '@shared/contract';
import { DEFAULT_CONFIRM_ABOVE_USD, DEFAULT_PRICE_PER_GENERATION_USD } from '@shared/economics';
import { DEFAULT_USER_LIMIT } from '@shared/scheduling';
import { DEFAULT_NAMING_TEMPLATE, validateTemplate } from '@shared/sweep';
import type { Journal } from '../db';
import type { SpendSettings } from '../engine/job-ledger';
import { resolveApiKey } from './api-key';
import type { KeyStore } from './key-store';

export interface StoredSettings {
  defaultConcurrency: number;
  outputDir: string;
  template: string;
  /** Write a labelled grid PNG per input when a batch completes (issue 12 §6). Default true. */
  gridAtBatchEnd: boolean;
  /** The account's requests per minute (its Segmind plan); null = discover from 429s. Default null. */
  requestsPerMinute: number | null;
  /** Minutes offline after which waiting jobs fail; null = wait for ever. Default null. */
  offlineFailAfterMin: number | null;
  /** USD per generation when an answer does not state it. Default $0.10. */
  pricePerGenerationUsd: number;
  /** A live run estimated above this needs a confirmation stating the dollars. Default $5. */
  confirmAboveUsd: number;
  /** Caps on committed spend per local day / calendar month; null = none (the default). */
  dailyCapUsd: number | null;
  monthlyCapUsd: number | null;
  /** Wildcard files (`__name__` -> `name.txt`); default `<data>/wildcards`. */
  wildcardsDir: string;
}

/** The money settings the engine reads live. */
export function spendSettingsOf(s: StoredSettings): SpendSettings {
  return {
    pricePerGenerationUsd: s.pricePerGenerationUsd,
    dailyCapUsd: s.dailyCapUsd,
    monthlyCapUsd: s.monthlyCapUsd,
  };
}

/** Whether a patch changes what the spend gate decides on. */
export function touchesSpend(patch: Partial<StoredSettings>): boolean {
  return (
    patch.pricePerGenerationUsd !== undefined ||
    patch.dailyCapUsd !== undefined ||
    patch.monthlyCapUsd !== undefined
  );
}

/**
 * The account's request budget (requests per minute) when a setting holds one; null means unknown or
 * "discover". The setting itself belongs to the request governor; the estimate only reads it.
 */
export function requestsPerMinuteOf(s: StoredSettings): number | null {
  const rpm = s.requestsPerMinute;
  return typeof rpm === 'number' && rpm > 0 ? rpm : null;
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
    gridAtBatchEnd: true,
    requestsPerMinute: null,
    offlineFailAfterMin: null,
    pricePerGenerationUsd: DEFAULT_PRICE_PER_GENERATION_USD,
    confirmAboveUsd: DEFAULT_CONFIRM_ABOVE_USD,
    dailyCapUsd: null,
    monthlyCapUsd: null,
    wildcardsDir: join(dataDir, 'wildcards'),
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
