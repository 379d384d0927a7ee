/**
 * Where the CPU of one 1024 x 1024 job goes: each stage of the simulator's render and of the engine's
 * output path, run alone and in sequence on this process, timed as CPU (user + system, which includes
 * sharp's worker threads) and wall. Used to explain the sweep-efficiency figure, not as a goal.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type IdeogramParams, ideogramParamsSchema } from '@shared/catalogue';
import sharp from 'sharp';
import { writeOutput } from '../../electron/images/write-output';
import { verifyImage } from '../../electron/segmind/result-image';
import { applyColourMatrix, applyPattern, applyStyle } from '../../electron/simulator/render-effects';
import { colourMatrix, internalSize, Renderer } from '../../electron/simulator/render-image';
import { encodeRgbPng } from '../../electron/simulator/render-png';
import { applyPromptMark } from '../../electron/simulator/render-prompt';
import { scanlineBytes, upscaledScanlines, upscaleRows } from '../../electron/simulator/render-upscale';
import { generateFixtures } from '../fixtures/generate-fixtures';
import type { Figure } from './results';

const SIZE = 1024;

async function cost(
  rounds: number,
  step: (i: number) => unknown,
): Promise<{ cpuMs: number; wallMs: number }> {
  await step(-1); // warm-up (first-call setup, caches)
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < rounds; i++) await step(i);
  const used = process.cpuUsage(cpu);
  return { cpuMs: (used.user + used.system) / 1000 / rounds, wallMs: (performance.now() - t0) / rounds };
}

/** Times each stage `rounds` times and returns one figure per stage (CPU ms per job; wall in the note). */
export async function benchStageCosts(rounds: number): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'sweep-bench-stages-'));
  try {
    const fixtures = await generateFixtures(join(dir, 'fixtures'));
    const source = await sharp(fixtures.sunset).toBuffer();
    const params = (seed: number): IdeogramParams =>
      ideogramParamsSchema.parse({
        image_file: 'x',
        prompt: 'a red coat',
        seed: 1000 + seed,
        style_type: 'ANIME',
      });
    const renderer = new Renderer();
    const raw = await sharp(source).resize(SIZE, SIZE, { fit: 'cover' }).removeAlpha().raw().toBuffer();
    const png = await renderer.render({ source, params: params(0), seed: 1000 });
    const small = internalSize(SIZE, SIZE);
    const smallRaw = await sharp(raw, { raw: { width: SIZE, height: SIZE, channels: 3 } })
      .resize(small.width, small.height)
      .raw()
      .toBuffer();
    const size = { sw: small.width, sh: small.height, dw: SIZE, dh: SIZE };
    const upscaled = upscaleRows(smallRaw, size);
    const bandTop = SIZE - 80;
    const band = upscaleRows(smallRaw, size, bandTop, SIZE);
    const spare = Buffer.alloc(scanlineBytes(SIZE, SIZE));
    const scanlines = upscaledScanlines({ src: smallRaw, ...size, band, bandTop });
    const stages: [string, string, () => Promise<{ cpuMs: number; wallMs: number }>][] = [
      [
        'sim.render',
        'simulator: whole render (base cached)',
        () => cost(rounds, (i) => renderer.render({ source, params: params(i + 1), seed: 1001 + i })),
      ],
      [
        'sim.smallEffects',
        `  JS effects at the internal ${small.width} px size (colour, style, pattern, prompt mark)`,
        () =>
          cost(rounds, (i) => {
            const copy = Buffer.from(smallRaw);
            applyColourMatrix(copy, colourMatrix(20, 1.9, 1.06));
            applyStyle(copy, small.width, small.height, 'ANIME');
            applyPattern(copy, small.width, small.height, { seed: 1000 + i, imageWeight: 50 });
            applyPromptMark(copy, small.width, small.height, 'a red coat');
          }),
      ],
      [
        'sim.scanlines',
        '  upscale to 1024 px as filtered PNG scanlines (80-row label band at full size)',
        () => cost(rounds, () => upscaledScanlines({ src: smallRaw, ...size, band, bandTop }, spare)),
      ],
      [
        'sim.deflate',
        '  PNG write: deflate (RLE, level 1) + chunks',
        () => cost(rounds, () => encodeRgbPng(SIZE, SIZE, scanlines)),
      ],
      [
        'sim.sharpEncode1',
        '  (before) sharp PNG encode of the raw 1024 px image, level 1, no filter',
        () =>
          cost(rounds, () =>
            sharp(upscaled, { raw: { width: SIZE, height: SIZE, channels: 3 } })
              .png({ compressionLevel: 1, adaptiveFiltering: false })
              .toBuffer(),
          ),
      ],
      [
        'sim.fullSizeEffects',
        '  (before) JS style + seed pattern at full 1024 px',
        () =>
          cost(rounds, (i) => {
            const copy = Buffer.from(raw);
            applyStyle(copy, SIZE, SIZE, 'ANIME');
            applyPattern(copy, SIZE, SIZE, { seed: 1000 + i, imageWeight: 50 });
          }),
      ],
      [
        'engine.verify',
        'engine: client decode check (verifyImage)',
        () => cost(rounds, () => verifyImage(png, true)),
      ],
      [
        'engine.writeOutput',
        'engine: writeOutput (decode, text chunks, fsync write, read-back, WebP thumb)',
        () =>
          cost(rounds, (i) =>
            writeOutput({
              bytes: png,
              outputRoot: join(dir, 'out'),
              relPath: `o-${i + 1}.png`,
              metadata: { model: 'x' },
              parametersText: 'a red coat',
            }),
          ),
      ],
      [
        'engine.decode',
        '  of which: one full PNG decode',
        () => cost(rounds, () => sharp(png).raw().toBuffer()),
      ],
      [
        'engine.thumbnail',
        '  of which: WebP thumbnail',
        () =>
          cost(rounds, () => sharp(png).resize(256, 256, { fit: 'inside' }).webp({ quality: 80 }).toBuffer()),
      ],
    ];
    const figures: Figure[] = [];
    for (const [id, label, run] of stages) {
      const { cpuMs, wallMs } = await run();
      figures.push({
        id: `stage.${id}`,
        label,
        value: cpuMs,
        unit: 'ms CPU',
        note: `${wallMs.toFixed(1)} ms wall`,
      });
    }
    renderer.clear();
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
