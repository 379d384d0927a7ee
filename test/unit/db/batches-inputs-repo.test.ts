import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newBatchId } from '../../../electron/db';
import { openTempJournal, seedBatch, type TempJournal } from './journal-fixture';

let t: TempJournal;
beforeEach(() => {
  t = openTempJournal();
});
afterEach(() => t.cleanup());

const base = { spec: { prompts: ['p'] }, outputDir: '/out', template: '{input}' };

describe('batches repo', () => {
  it('makes short ids that sort by creation time', () => {
    const a = newBatchId(Date.UTC(2025, 0, 2, 3, 4, 5));
    expect(a).toMatch(/^20250102-030405-[0-9a-f]{4}$/);
    expect(newBatchId(Date.UTC(2025, 0, 2, 3, 4, 6)) > a).toBe(true);
  });

  it('stores the spec as given with defaults for the rest', () => {
    const spec = { prompts: ['a {red|blue} coat'], seeds: '100-110', nested: { x: [1, 2] } };
    const id = t.journal.batches.create({ ...base, name: 'coats', spec });
    expect(t.journal.batches.get(id)).toEqual({
      id,
      name: 'coats',
      spec,
      outputDir: '/out',
      template: '{input}',
      dedupe: true,
      priority: 0,
      state: 'draft',
      haltReason: null,
      createdAt: t.clock.now,
      startedAt: null,
      finishedAt: null,
      jobCount: 0,
      folder: null,
      backend: null,
      pauseReason: null,
      pauseCode: null,
      maxSpendUsd: null,
      estimatedUsd: null,
      parentBatchId: null,
      parentJobId: null,
    });
    const off = t.journal.batches.create({ ...base, name: 'nodedupe', dedupe: false });
    expect(t.journal.batches.get(off)?.dedupe).toBe(false);
  });

  it('knows which folder names are taken under an output folder, case-insensitively', () => {
    const b = t.journal.batches;
    b.create({ ...base, name: 'crash test', folder: 'crash-test' });
    expect(b.folderInUse('/out', 'crash-test')).toBe(true);
    expect(b.folderInUse('/out', 'CRASH-TEST')).toBe(true);
    expect(b.folderInUse('/elsewhere', 'crash-test')).toBe(false);
    expect(b.folderInUse('/out', 'crash-test-2')).toBe(false);
  });

  it('notes the backend a batch runs on, and "mixed" once both ran it', () => {
    const b = t.journal.batches;
    const id = b.create({ ...base, name: 'x' });
    b.noteBackend(id, 'simulator');
    b.noteBackend(id, 'simulator');
    expect(b.get(id)?.backend).toBe('simulator');
    b.noteBackend(id, 'segmind');
    expect(b.get(id)?.backend).toBe('mixed');
    b.noteBackend(id, 'simulator');
    expect(b.get(id)?.backend).toBe('mixed');
  });

  it('guards state changes and keeps the timestamps and halt reason straight', () => {
    const b = t.journal.batches;
    const id = b.create({ ...base, name: 'x' });
    expect(b.setState(id, 'paused')).toBe(false);
    expect(b.setState(id, 'running', { at: 10 })).toBe(true);
    expect(b.setState(id, 'halted', { reason: 'no credits left (406)', at: 20 })).toBe(true);
    expect(b.get(id)).toMatchObject({ state: 'halted', haltReason: 'no credits left (406)', startedAt: 10 });
    expect(b.setState(id, 'running', { at: 30 })).toBe(true);
    expect(b.get(id)).toMatchObject({ haltReason: null, startedAt: 10 });
    expect(b.setState(id, 'completed', { at: 40 })).toBe(true);
    expect(b.get(id)).toMatchObject({ state: 'completed', finishedAt: 40 });
    expect(b.setState(id, 'paused')).toBe(false);
    expect(b.setState(id, 'halted')).toBe(false);
    expect(b.setState(id, 'running', { at: 50 })).toBe(true); // retrying failed jobs reopens it
    expect(b.get(id)).toMatchObject({ finishedAt: null, startedAt: 10 });
    expect(b.setState('missing', 'running')).toBe(false);
  });

  it('keeps a pause reason and code only while the engine keeps the batch paused', () => {
    const b = t.journal.batches;
    const id = b.create({ ...base, name: 'capped', maxSpendUsd: 2, estimatedUsd: 3.5 });
    expect(b.get(id)).toMatchObject({ maxSpendUsd: 2, estimatedUsd: 3.5 });
    expect(b.pauseWithReason(id, 'spend cap reached ($2.00 of $2.00)', { code: 'spend_cap' })).toBe(false);
    b.setState(id, 'running');
    expect(b.pauseWithReason(id, 'spend cap reached ($2.00 of $2.00)', { code: 'spend_cap' })).toBe(true);
    expect(b.get(id)).toMatchObject({
      state: 'paused',
      pauseReason: 'spend cap reached ($2.00 of $2.00)',
      pauseCode: 'spend_cap',
    });
    // Already paused: the figures are brought up to date.
    expect(b.pauseWithReason(id, 'spend cap reached ($1.90 of $2.00)', { code: 'spend_cap' })).toBe(true);
    expect(b.get(id)?.pauseReason).toBe('spend cap reached ($1.90 of $2.00)');
    b.setMaxSpend(id, 5);
    expect(b.setState(id, 'running')).toBe(true);
    expect(b.get(id)).toMatchObject({ pauseReason: null, pauseCode: null, maxSpendUsd: 5 });
    // A user's pause has no reason.
    expect(b.setState(id, 'paused')).toBe(true);
    expect(b.get(id)).toMatchObject({ state: 'paused', pauseReason: null });
    b.setMaxSpend(id, null);
    expect(b.get(id)?.maxSpendUsd).toBeNull();
  });

  it('lists running batches by priority then age, and all batches newest first', () => {
    const b = t.journal.batches;
    const mk = (name: string, createdAt: number, priority = 0) => {
      const id = b.create({ ...base, name, createdAt, priority });
      b.setState(id, 'running');
      return id;
    };
    const old = mk('old', 1);
    const urgent = mk('urgent', 3, 5);
    const young = mk('young', 2);
    const draft = b.create({ ...base, name: 'draft', createdAt: 4 });
    expect(b.listRunning().map((r) => r.id)).toEqual([urgent, old, young]);
    expect(b.list().map((r) => r.id)).toEqual([draft, urgent, young, old]);
    expect(b.list({ states: ['draft'] }).map((r) => r.id)).toEqual([draft]);
    expect(b.list({ limit: 2, offset: 1 }).map((r) => r.id)).toEqual([urgent, young]);
    b.setPriority(old, 9);
    expect(b.listRunning()[0]?.id).toBe(old);
  });

  it('removes a batch with its inputs, jobs and events', () => {
    const { batchId, jobIds, inputIds } = seedBatch(t.journal, { jobCount: 3 });
    t.journal.jobs.markSubmitting(jobIds[0]!);
    expect(t.journal.batches.get(batchId)?.jobCount).toBe(3);
    expect(t.journal.batches.remove(batchId)).toBe(true);
    expect(t.journal.jobs.get(jobIds[0]!)).toBeUndefined();
    expect(t.journal.inputs.get(inputIds[0]!)).toBeUndefined();
    expect(t.journal.jobEvents.listForJob(jobIds[0]!)).toEqual([]);
    expect(t.journal.batches.remove(batchId)).toBe(false);
  });
});

describe('inputs repo', () => {
  it('records inputs in order, their preparation and their errors', () => {
    const batchId = t.journal.batches.create({ ...base, name: 'x' });
    const [good, bad] = t.journal.inputs.insertMany(batchId, [
      { idx: 0, path: '/p/a b.jpg', relPath: 'a b.jpg', name: 'a b' },
      { idx: 1, path: '/p/broken.png', relPath: 'broken.png', name: 'broken' },
    ]) as [number, number];
    t.journal.inputs.recordPrepared(good, {
      contentHash: 'abc',
      sizeBytes: 1234,
      width: 640,
      height: 480,
      format: 'jpeg',
      thumbnailPath: '/thumbs/a.webp',
      preparedPath: '/prepared/a.jpg',
    });
    t.journal.inputs.recordError(bad, 'not_an_image', 'broken.png is not an image (text file)');
    const rows = t.journal.inputs.listByBatch(batchId);
    expect(rows.map((r) => r.idx)).toEqual([0, 1]);
    expect(rows[0]).toMatchObject({
      name: 'a b',
      contentHash: 'abc',
      width: 640,
      preparedPath: '/prepared/a.jpg',
      errorCode: null,
    });
    expect(rows[1]).toMatchObject({ errorCode: 'not_an_image', contentHash: null });
    expect(() => t.journal.inputs.insert(batchId, { idx: 1, path: '/x', relPath: 'x', name: 'x' })).toThrow(
      /UNIQUE/,
    );
  });
});
