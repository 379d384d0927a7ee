/**
 * The Segmind key never leaks: a real studio service sends a secret key to a loopback simulator that
 * accepts only that key, runs a sweep with failed jobs and a mid-run 401 (the key "revoked", then
 * restored), and afterwards the secret appears in no file under the data folder (journal.sqlite, -wal,
 * -shm, thumbnails, logs), no output file, no contract answer or error, and no contract event.
 * The logger's own defences (redacted fields, scrubbed strings) are checked directly too.
 * That every method rejects malformed arguments is proven in test/integration/contract/bridges.test.ts.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENT_NAMES } from '@shared/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, type StudioLogger } from '../../../electron/log/logger';
import { SegmindError } from '../../../electron/segmind/errors';
import { createDispatcher, type Dispatch } from '../../../electron/service/dispatcher';
import { logServiceEvents } from '../../../electron/service/log-service-events';
import { type StudioService, startStudioService } from '../../../electron/service/studio-service';
import { type SimulatorHandle, startSimulator } from '../../../electron/simulator/server';
import { generateFixtures } from '../../fixtures/generate-fixtures';

const SECRET = 'sg_live_7f3c9a1e5b2d4c6e8a0f1b3d5c7e9a2b';

let dir: string;
let dataDir: string;
let outDir: string;
let simulator: SimulatorHandle;
let logger: StudioLogger;
let service: StudioService | null = null;
let call: Dispatch;
const answers: string[] = [];
const events: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sweep-keyleak-'));
  dataDir = join(dir, 'data');
  outDir = join(dir, 'out');
  await generateFixtures(join(dir, 'fixtures'));
  simulator = await startSimulator({
    apiKeys: [SECRET],
    latencyScale: 0.005,
    faults: { failed: 0.2, serverError: 0.1 },
    faultSeed: 11,
  });
  logger = createLogger({ dataDir, level: 'debug' });
  service = await startStudioService({
    shell: 'web',
    dataDir,
    backend: { apiKey: SECRET, baseUrl: simulator.baseUrl },
    engine: {
      concurrency: 2,
      feedIntervalMs: 50,
      retryBaseDelayMs: 20,
      rateLimitBackoffMs: 50,
      retry: { baseDelayMs: 20, maxDelayMs: 200 },
      // The simulator has no request budget; discovering one (the live default) would only slow this down.
      requestsPerMinute: undefined,
    },
  });
  logServiceEvents(logger, service);
  for (const name of EVENT_NAMES) {
    service.on(name, (payload) => {
      events.push(JSON.stringify(payload));
      logger.debug({ event: name, payload }, 'contract event');
    });
  }
  const dispatch = createDispatcher(service.handlers, (err, method) =>
    logger.error({ err, method }, `${method} failed`),
  );
  call = async (method, args) => {
    const outcome = await dispatch(method, args);
    answers.push(JSON.stringify(outcome));
    logger.debug({ method, outcome }, 'contract call');
    return outcome;
  };
});

afterAll(async () => {
  await service?.close();
  await simulator?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Every regular file under `root`, recursively. */
function filesUnder(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .map((rel) => join(root, rel))
    .filter((file) => statSync(file).isFile());
}

/** Files that contain the secret as UTF-8/ASCII or UTF-16LE bytes. */
function filesHoldingSecret(files: string[]): string[] {
  const forms = [Buffer.from(SECRET, 'utf8'), Buffer.from(SECRET, 'utf16le')];
  return files.filter((file) => {
    const bytes = readFileSync(file);
    return forms.some((form) => bytes.includes(form));
  });
}

// biome-ignore lint/suspicious/noExplicitAny: outcomes are read loosely.
const value = (outcome: any) => {
  expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
  return outcome.value;
};

describe('the API key stays secret through a real run', () => {
  it('runs a sweep with failures and a mid-run 401 without the key reaching disk, answers or events', async () => {
    const studio = service!;
    // The key also goes through settings (stored in the key store, backend restarted on it).
    const settings = value(await call('settings:setApiKey', { apiKey: SECRET }));
    expect(settings.hasApiKey).toBe(true);
    expect(studio.backend().apiKey).toBe(SECRET);
    // Malformed calls carrying the key as a value must not echo it in their invalid_input message.
    // (Zod names unknown property *names* in its message, so a key used as a name would be echoed.)
    expect((await call('settings:setApiKey', { apiKey: SECRET.repeat(20) })).ok).toBe(false);
    expect((await call('settings:setApiKey', { apiKey: SECRET, apikey: SECRET })).ok).toBe(false);
    expect((await call('settings:setApiKey', { apiKey: [SECRET] })).ok).toBe(false);

    const created = value(
      await call('batch:create', {
        spec: {
          inputs: { paths: [join(dir, 'fixtures', 'good')], recursive: false },
          prompts: ['a {red|blue} coat'],
          seeds: '100-103',
          styles: ['GENERAL'],
          resolutions: ['RESOLUTION_1024_640'],
          sweepSeed: 1,
        },
        outputDir: outDir,
      }),
    );
    expect(created.jobCount).toBe(40);

    // Revoke the key mid-run: the next request is a 401 and the engine halts.
    await until(() => simulator.stats().completed >= 4, 'first completions');
    simulator.configure({ apiKeys: ['a-different-key-entirely'] });
    await until(async () => value(await call('engine:status', {})).halt.state === 'halted', 'the 401 halt');
    value(await call('backend:health', {}));
    value(await call('batch:get', { batchId: created.batchId }));

    // Restore the key and finish.
    simulator.configure({ apiKeys: [SECRET] });
    value(await call('engine:resumeAfterHalt', {}));
    await until(async () => {
      const batch = value(await call('batch:get', { batchId: created.batchId }));
      return batch.state === 'completed';
    }, 'the batch to finish');

    const page = value(await call('jobs:page', { batchId: created.batchId, limit: 1000 }));
    const failed = page.rows.filter((j: { state: string }) => j.state === 'failed');
    expect(failed.length, 'the fault seed should fail some jobs').toBeGreaterThan(0);
    for (const job of page.rows) value(await call('job:get', { jobId: job.id }));
    value(await call('batch:list', {}));
    value(await call('settings:get', {}));
    value(await call('app:info', {}));
    value(await call('history:search', { text: 'coat' }));

    // The key really travelled: the simulator accepted it, and refused the revoked one at least once.
    const stats = simulator.stats();
    expect(stats.acceptedSubmits).toBeGreaterThan(0);
    const refused = Object.values(stats.requests).reduce((n, outcomes) => n + (outcomes['401'] ?? 0), 0);
    expect(refused).toBeGreaterThan(0);
    expect(events.some((e) => e.includes('"halted"'))).toBe(true);

    for (const answer of answers) expect(answer).not.toContain(SECRET);
    for (const payload of events) expect(payload).not.toContain(SECRET);

    // On disk while the journal is open (WAL and shared memory present), then after it is closed.
    const open = filesUnder(dataDir);
    expect(open.map((f) => f.slice(dataDir.length + 1))).toEqual(
      expect.arrayContaining(['journal.sqlite', 'journal.sqlite-wal', 'journal.sqlite-shm', 'logs/main.log']),
    );
    expect(filesUnder(outDir).length).toBeGreaterThan(0);
    expect(filesHoldingSecret([...open, ...filesUnder(outDir)])).toEqual([]);
    await studio.close();
    service = null;
    expect(filesHoldingSecret([...filesUnder(dataDir), ...filesUnder(outDir)])).toEqual([]);

    // The log saw the run (so the scan above read something real).
    const log = readFileSync(logger.file, 'utf8');
    expect(log).toContain('engine halted');
    expect(log).toContain('contract event');
  });

  it('redacts key fields and scrubs the key from messages, stacks and causes in the log', () => {
    const before = readFileSync(logger.file, 'utf8').length;
    const err = new SegmindError('auth', `Segmind refused key ${SECRET}`, {
      status: 401,
      cause: new Error(`header x-api-key: ${SECRET}`),
    });
    logger.error(
      {
        err,
        apiKey: SECRET,
        backend: { apiKey: SECRET },
        headers: { 'x-api-key': SECRET },
        request: { headers: { 'x-api-key': SECRET }, url: `https://example.test/?key=${SECRET}` },
        key: SECRET,
      },
      `call with ${SECRET} failed`,
    );
    // A key inside a JSON-escaped context is caught in its escaped form too.
    const quoted = 'sg_"quoted"\\key_0123456789';
    logger.setSecret(quoted);
    logger.warn({ note: `the key ${quoted}` }, 'escaped');

    const lines = readFileSync(logger.file, 'utf8').slice(before);
    expect(lines).not.toContain(SECRET);
    expect(lines).not.toContain(JSON.stringify(quoted).slice(1, -1));
    const entry = JSON.parse(lines.split('\n')[0]!);
    expect(entry.apiKey).toBe('[redacted]');
    expect(entry.backend.apiKey).toBe('[redacted]');
    expect(entry.headers['x-api-key']).toBe('[redacted]');
    expect(entry.request.headers['x-api-key']).toBe('[redacted]');
    expect(entry.key).toBe('[redacted]');
    expect(entry.msg).toBe('call with [redacted] failed');
    expect(entry.err.message).toMatch(/^Segmind refused key \[redacted\]/);
    expect(entry.err.stack).toContain('[redacted]');
    expect(JSON.stringify(entry.err)).toContain('x-api-key: [redacted]');
  });
});
