import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isSecretSettingKey, SecretSettingError } from '../../../electron/db';
import { toFtsQuery } from '../../../electron/db/prompt-search-repo';
import { openTempJournal, seedBatch, type TempJournal } from './journal-fixture';

let t: TempJournal;
beforeEach(() => {
  t = openTempJournal();
});
afterEach(() => t.cleanup());

describe('settings repo', () => {
  it('round-trips JSON values and deletes them', () => {
    const s = t.journal.settings;
    s.set('concurrency', 4);
    s.set('lastFolders', ['/a', '/b']);
    s.set('concurrency', 8);
    expect(s.get<number>('concurrency')).toBe(8);
    expect(s.all()).toEqual({ concurrency: 8, lastFolders: ['/a', '/b'] });
    expect(s.delete('concurrency')).toBe(true);
    expect(s.get('concurrency')).toBeUndefined();
  });

  it('refuses anything named like an API key', () => {
    for (const key of ['apiKey', 'api_key', 'SEGMIND_API_KEY', 'segmind.apiKey', 'api-key']) {
      expect(isSecretSettingKey(key), key).toBe(true);
      expect(() => t.journal.settings.set(key, 'sg_secret')).toThrow(SecretSettingError);
    }
    expect(t.journal.settings.all()).toEqual({});
    expect(isSecretSettingKey('apiBaseUrl')).toBe(false);
  });
});

describe('prompt search', () => {
  it('quotes every word so user text is never FTS syntax', () => {
    expect(toFtsQuery('red "coat" AND -blue')).toBe('"red" "coat" "AND" "blue"*');
    expect(toFtsQuery('  ::  ')).toBeNull();
  });

  it('finds batches by the words of any permutation, by prefix, and forgets removed batches', () => {
    const coats = seedBatch(t.journal, { prompts: ['a {red|blue} coat in the rain', 'neon city'] });
    const cafe = seedBatch(t.journal, { prompts: ['a café at dawn'] });
    expect(t.journal.prompts.search('blue coat').map((h) => h.batchId)).toEqual([coats.batchId]);
    expect(t.journal.prompts.search('neo')[0]).toMatchObject({ batchId: coats.batchId, prompt: 'neon city' });
    expect(t.journal.prompts.search('cafe')[0]?.highlighted).toBe('a [café] at dawn');
    expect(t.journal.prompts.search('coat AND "')).toHaveLength(0);
    t.journal.batches.remove(coats.batchId);
    expect(t.journal.prompts.search('coat')).toEqual([]);
    expect(t.journal.prompts.search('dawn').map((h) => h.batchId)).toEqual([cafe.batchId]);
  });
});
