/**
 * The composer's side of the artist's morning: sweeping around a result (the job alone first, each
 * direction rewriting only its own axis, the parent passed to batch:create), re-running a PNG record,
 * `match` surviving a duplicate, and the local preview with wildcards and captions.
 */
import { StudioApiError } from '@shared/contract';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { buildSpec, EMPTY_FORM, formFromSpec } from '../../../renderer/src/stores/composer-form';
import { aroundForm, aroundOrigin } from '../../../renderer/src/stores/composer-origin';
import { useComposer } from '../../../renderer/src/stores/composer-store';
import { usePng } from '../../../renderer/src/stores/png-store';
import { computeLocalPreview } from '../../../renderer/src/views/composer/local-preview';
import { makeBatch, makeInput, makeJob } from './job-fixture';

const studio = vi.hoisted(() => ({ 'batch:create': vi.fn(), 'png:read': vi.fn() }));
vi.mock('../../../renderer/src/api/studio-api', () => ({ studio }));

const job = makeJob({
  id: 7,
  ordinal: 6,
  prompt: 'a {red} barn',
  seed: 4242,
  style: 'ANIME',
  imageWeight: 60,
  resolution: 'RESOLUTION_1152_896',
  palette: { name: 'EMBER' },
  hasOutput: true,
});
const input = makeInput({ id: 1, path: '/photos/barn.jpg' });
const batch = makeBatch({ id: 'b1', name: 'Barns', template: '{input}_{seed}.png', dedupe: true });

beforeEach(() => {
  vi.resetAllMocks();
  useComposer.getState().reset();
});

describe('sweep around a result', () => {
  it('prefills the job alone, with its input, prompt (literal), seed, style and the parent batch', () => {
    useComposer.getState().sweepAround(job, input, batch);
    const { form, origin } = useComposer.getState();
    expect(form).toMatchObject({
      paths: ['/photos/barn.jpg'],
      promptsText: 'a \\{red\\} barn',
      seeds: '4242',
      styles: ['ANIME'],
      resolutions: ['RESOLUTION_1152_896'],
      imageWeightsText: '60',
      palettePresets: ['EMBER'],
      paletteNone: false,
      template: '{input}_{seed}.png',
      name: 'Around Barns #7',
    });
    expect(origin).toMatchObject({ kind: 'around', parent: { batchId: 'b1', jobId: 7 } });
  });

  it('each direction rewrites only its own axis and keeps the artist’s other edits', () => {
    useComposer.getState().sweepAround(job, input, batch);
    useComposer.getState().update({ promptsText: 'a red barn, edited', name: 'mine' });
    const around = { randomSeeds: 4, weights: true, styles: true, magic: false, palettes: false };
    useComposer.getState().setNeighbourhood(around);
    const { form } = useComposer.getState();
    expect(form.promptsText).toBe('a red barn, edited');
    expect(form.name).toBe('mine');
    expect(form.seeds).toBe('4242, random:4');
    expect(form.imageWeightsText).toBe('40, 50, 60, 70, 80');
    expect(form.styles).toHaveLength(5);
    expect(form.magicPrompts).toEqual(['AUTO']);
    useComposer.getState().setNeighbourhood({ ...around, weights: false });
    expect(useComposer.getState().form.imageWeightsText).toBe('60');
    expect(useComposer.getState().form.seeds).toBe('4242, random:4');
  });

  it('keeps its new random seeds while other directions change, and differs per origin', () => {
    const a = aroundOrigin(job, input, batch, 11);
    const seeds1 = aroundForm({ ...a, around: { ...a.around, randomSeeds: 2 } }, null).sweepSeed;
    const seeds2 = aroundForm(
      { ...a, around: { ...a.around, randomSeeds: 2, styles: true } },
      null,
    ).sweepSeed;
    expect(seeds1).toBe(seeds2);
    expect(aroundOrigin(job, input, batch, 12).sweepSeed).not.toBe(a.sweepSeed);
  });

  it('starts the batch with its parent; another load forgets the parent', async () => {
    studio['batch:create'].mockResolvedValue({ batchId: 'b2' });
    useComposer.getState().sweepAround(job, input, batch);
    await useComposer.getState().createBatch({ spec: { x: 1 } });
    expect(studio['batch:create']).toHaveBeenLastCalledWith({
      spec: { x: 1 },
      parentBatchId: 'b1',
      parentJobId: 7,
    });
    useComposer.getState().loadSpec({ prompts: ['x'] }, 'a previous sweep');
    await useComposer.getState().createBatch({ spec: { x: 2 } });
    expect(studio['batch:create']).toHaveBeenLastCalledWith({ spec: { x: 2 } });
  });
});

describe('re-run from a PNG', () => {
  it('opens the record in the composer with its parent, or runs it again at once', async () => {
    const record = {
      fileName: 'x.png',
      source: 'studio',
      params: {
        prompt: 'a {red} coat',
        negativePrompt: '',
        seed: 4242,
        style: 'ANIME',
        resolution: 'RESOLUTION_1152_896',
        imageWeight: 60,
        magicPrompt: 'OFF',
        palette: null,
      },
      resolutionMatched: false,
      input: { name: 'coat', hash: 'h', path: '/photos/coat.jpg' },
      parent: { batchId: 'b1', jobId: 7, name: 'Coats' },
      software: null,
      jobKey: 'k',
      keyMatches: true,
      notes: [],
    };
    studio['png:read'].mockResolvedValue(record);
    await usePng.getState().readPath('/out/x.png');
    expect(usePng.getState().read).toEqual({ status: 'done', record });
    usePng.getState().openInComposer('/photos/coat.jpg');
    expect(useComposer.getState().form).toMatchObject({
      paths: ['/photos/coat.jpg'],
      promptsText: 'a \\{red\\} coat',
      seeds: '4242',
      magicPrompts: ['OFF'],
    });
    expect(useComposer.getState().origin).toMatchObject({ kind: 'png', parent: { batchId: 'b1', jobId: 7 } });

    studio['batch:create'].mockResolvedValue({ batchId: 'b3' });
    await usePng.getState().runAgain('/photos/coat.jpg');
    expect(studio['batch:create']).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'Re-run of x.png', parentBatchId: 'b1', parentJobId: 7 }),
    );
  });

  it('shows main’s message for a PNG it cannot use', async () => {
    studio['png:read'].mockRejectedValue(
      new StudioApiError({ code: 'invalid_input', message: 'x.png: it has no generation record' }),
    );
    await usePng.getState().readPath('/out/x.png');
    expect(usePng.getState().read).toEqual({
      status: 'error',
      message: 'x.png: it has no generation record',
    });
  });
});

describe('composer form and preview', () => {
  it('keeps `match` through a duplicate', () => {
    const form = formFromSpec({ resolutions: ['match', 'RESOLUTION_1024_1024', 'nope'] });
    expect(form.resolutions).toEqual(['match', 'RESOLUTION_1024_1024']);
    expect(buildSpec(form, 't').resolutions).toEqual(['match', 'RESOLUTION_1024_1024']);
  });

  it('leaves wildcard counts to main and lists images without a caption as an error', () => {
    const form = { ...EMPTY_FORM, paths: ['/p'], promptsText: '{caption} at __light__', seeds: '100' };
    const local = computeLocalPreview(form, 't.png', 3, 4, {
      count: 1,
      missing: ['b.jpg', 'c.jpg'],
      problems: [],
    });
    expect(local.wildcardsPending).toBe(true);
    expect(local.prompts[0]!.variants).toEqual(['{caption} at __light__']);
    expect(local.issues).toEqual([
      {
        field: 'inputs',
        message:
          '{caption} is used, but 2 input(s) have no caption: b.jpg, c.jpg (add a .txt file of the same name beside each image, or a row in prompts.csv)',
      },
    ]);
    const fine = computeLocalPreview({ ...form, promptsText: 'plain' }, 't.png', 3, 4, {
      count: 1,
      missing: ['b.jpg', 'c.jpg'],
      problems: [],
    });
    expect(fine.issues).toEqual([]);
    expect(fine.wildcardsPending).toBe(false);
    expect(fine.jobCount).toBe(3);
  });
});
