/**
 * Acceptance 6, run by hand: `npx tsx test/readme/readme-example.ts`. Runs the README's CLI example on
 * freshly generated fixture images in a temp folder, checks it exits 0 and leaves all 80 labelled PNGs
 * (5 inputs x 2 prompts x 4 seeds x 2 styles), and writes the contact sheet the README shows to
 * `test/readme/contact-sheet.png`.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, parse } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildContactSheet } from './contact-sheet';
import { runReadmeExample } from './run-readme-example';

/** The README's example: 5 inputs x 2 prompts x 4 seeds x 2 styles. */
export const EXPECTED_OUTPUTS = 5 * 2 * 4 * 2;
/** The input the contact sheet shows. */
export const SHEET_INPUT = 'sunset-gradient';

const SHEET_FILE = fileURLToPath(new URL('./contact-sheet.png', import.meta.url));

async function main(): Promise<number> {
  const work = mkdtempSync(join(tmpdir(), 'sweep-readme-'));
  try {
    const run = await runReadmeExample(work);
    if (run.exitCode !== 0) {
      console.error(run.log);
      console.error(`the README example exited with ${run.exitCode}`);
      return 1;
    }
    console.log(run.log.split('\n').find((line) => /simulator/i.test(line)) ?? '(no simulator line)');
    if (run.outputs.length !== EXPECTED_OUTPUTS) {
      console.error(`expected ${EXPECTED_OUTPUTS} labelled PNGs, found ${run.outputs.length}`);
      return 1;
    }
    const good = join(work, 'fixtures', 'good');
    const inputFile = readdirSync(good).find((name) => parse(name).name === SHEET_INPUT);
    if (!inputFile) throw new Error(`fixture ${SHEET_INPUT} not found in ${good}`);
    const inputPath = join(good, inputFile);
    const sheet = await buildContactSheet({
      outputs: run.outputs,
      input: SHEET_INPUT,
      inputPath,
      styleOrder: ['GENERAL', 'ANIME'],
      promptOrder: ['a red coat', 'a blue coat'],
    });
    writeFileSync(SHEET_FILE, sheet.png);
    console.log(
      `${run.outputs.length} labelled PNGs; contact sheet (${(sheet.png.length / 1024).toFixed(0)} KiB) -> ${SHEET_FILE}`,
    );
    return 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = await main();
