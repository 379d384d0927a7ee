/**
 * The crash suite's output digest ignores exactly the facts that differ between two runs of the same job
 * (batch id, request id, inference time) and nothing else: changed pixels or any other text chunk change it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { formatA1111Parameters, generationTextChunks } from '../../../electron/images/generation-record';
import { insertPngText } from '../../../electron/images/png-text';
import { digestOutput, strayTemps } from '../../suites/output-check';

const dir = mkdtempSync(join(tmpdir(), 'output-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function labelled(
  name: string,
  o: { colour?: string; batchId?: string; requestId?: string; seed?: number; time?: number },
) {
  const png = await sharp({
    create: { width: 32, height: 20, channels: 3, background: o.colour ?? '#102030' },
  })
    .png()
    .toBuffer();
  const record = {
    model: 'ideogram-img-2-img',
    params: {
      prompt: 'a red coat',
      seed: o.seed ?? 1,
      resolution: 'RESOLUTION_1024_640',
      style_type: 'GENERAL',
      image_weight: 50,
      magic_prompt_option: 'AUTO',
    },
    inputName: 'in',
    inputHash: 'abc',
    batchId: o.batchId ?? 'b1',
    requestId: o.requestId ?? 'r1',
    inferenceTimeSec: o.time ?? 1.5,
  } as Parameters<typeof generationTextChunks>[0];
  const file = join(dir, name);
  writeFileSync(
    file,
    insertPngText(png, { ...generationTextChunks(record), parameters: formatA1111Parameters(record) }),
  );
  return (await digestOutput(file)).digest;
}

describe('output digest', () => {
  it('is equal across batch id, request id and inference time, different for pixels or parameters', async () => {
    const base = await labelled('a.png', {});
    expect(await labelled('b.png', { batchId: 'b2', requestId: 'r-other', time: 9.25 })).toBe(base);
    expect(await labelled('c.png', { colour: '#102031' })).not.toBe(base);
    expect(await labelled('d.png', { seed: 2 })).not.toBe(base);
  });

  it('refuses a file that does not decode and finds temp files', async () => {
    writeFileSync(join(dir, 'bad.png'), Buffer.from('not a png'));
    await expect(digestOutput(join(dir, 'bad.png'))).rejects.toThrow();
    writeFileSync(join(dir, 'x.png.tmp-123-0badf00d'), '');
    expect(strayTemps(dir)).toEqual(['x.png.tmp-123-0badf00d']);
  });
});
