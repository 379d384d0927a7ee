import { describe, expect, it } from 'vitest';
import { ByteLru } from '../../../electron/simulator/byte-lru';
import { parseCliOptions } from '../../../electron/simulator/cli-options';
import { canonicalJson } from '../../../electron/simulator/fingerprint';
import { isLoopbackHost } from '../../../electron/simulator/image-source';
import { DEFAULT_OPTIONS, mergeOptions } from '../../../electron/simulator/options';

describe('simulator support modules', () => {
  it('canonicalJson ignores key order and undefined values', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"x":1,"y":2}]},"b":1}',
    );
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it('ByteLru evicts least recently used entries past its budget', () => {
    const lru = new ByteLru<string>(10);
    lru.set('a', 'A', 4);
    lru.set('b', 'B', 4);
    expect(lru.get('a')).toBe('A');
    lru.set('c', 'C', 4);
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe('A');
    lru.set('huge', 'H', 11);
    expect(lru.get('huge')).toBeUndefined();
  });

  it('mergeOptions merges partial faults, clamps probabilities and rejects empty keys', () => {
    const merged = mergeOptions(DEFAULT_OPTIONS, { faults: { serverError: 3, failed: 0.2 }, credits: 5 });
    expect(merged.faults).toMatchObject({ serverError: 1, failed: 0.2, dropConnection: 0 });
    expect(merged.credits).toBe(5);
    expect(merged.latencyScale).toBe(0.02);
    expect(() => mergeOptions(DEFAULT_OPTIONS, { apiKeys: [] })).toThrow(/apiKeys/);
  });

  it('isLoopbackHost accepts only this machine', () => {
    for (const host of ['127.0.0.1', '127.8.9.1', 'localhost', '[::1]'])
      expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['example.com', '10.0.0.1', '128.0.0.1'])
      expect(isLoopbackHost(host), host).toBe(false);
  });

  it('parseCliOptions maps flags to options', () => {
    const parsed = parseCliOptions([
      '--port',
      '9000',
      '--latency-scale',
      '0.5',
      '--credits',
      '10',
      '--fault-5xx',
      '0.1',
      '--fault-429',
      '0.2',
      '--api-key',
      'k1',
      '--api-key',
      'k2',
      '--forbidden-key',
      'bad',
    ]);
    expect(parsed).toMatchObject({
      port: 9000,
      latencyScale: 0.5,
      credits: 10,
      apiKeys: ['k1', 'k2'],
      forbiddenKeys: ['bad'],
      faults: { serverError: 0.1, rateLimitBurst: 0.2 },
    });
    expect(
      parseCliOptions([
        '--credits',
        '12.5',
        '--price',
        '0.08',
        '--team-spend-limit',
        '50',
        '--billing-fields',
      ]),
    ).toMatchObject({ credits: 12.5, priceUsd: 0.08, teamSpendLimitUsd: 50, billingFields: true });
    expect(parseCliOptions([])).toMatchObject({ port: 8787 });
    expect(parseCliOptions([])).not.toHaveProperty('billingFields');
    expect(parseCliOptions([])).not.toHaveProperty('stateDir');
    expect(parseCliOptions(['--state-dir', '/tmp/sim'])).toMatchObject({ stateDir: '/tmp/sim' });
    expect(parseCliOptions(['--help'])).toBe('help');
    expect(() => parseCliOptions(['--fault-drop', '1.5'])).toThrow(/probability/);
    expect(() => parseCliOptions(['--credits', 'lots'])).toThrow(/number/);
    expect(() => parseCliOptions(['--bogus'])).toThrow();
  });

  it('parseCliOptions maps the request budget flags', () => {
    expect(parseCliOptions(['--rpm', '120', '--rpm-counts', 'submits', '--retry-after'])).toMatchObject({
      requestsPerMinute: 120,
      rpmCounts: 'submits',
      retryAfter: true,
    });
    expect(parseCliOptions([])).not.toHaveProperty('retryAfter');
    expect(() => parseCliOptions(['--rpm-counts', 'polls'])).toThrow(/all or submits/);
    expect(() => parseCliOptions(['--rpm', 'many'])).toThrow(/number/);
  });
});
