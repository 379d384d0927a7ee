/**
 * Runs the README's CLI example exactly as the README shows it — `npm run sweep -- --input <fixtures>/good
 * --prompt "a {red|blue} coat" --seeds 100-103 --styles GENERAL,ANIME --concurrency 4 --out <out>` — as a
 * child process without an API key (so the CLI starts the simulator), with the studio's data folder in
 * the work dir, then reads back every PNG it left and what its embedded generation record says.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readPngText } from '../../electron/images/png-text';
import { generateFixtures } from '../fixtures/generate-fixtures';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The README's example arguments after `npm run sweep --`, with the two folders filled in. */
export function readmeArgs(inputDir: string, outDir: string): string[] {
  return [
    '--input',
    inputDir,
    '--prompt',
    'a {red|blue} coat',
    '--seeds',
    '100-103',
    '--styles',
    'GENERAL,ANIME',
    '--concurrency',
    '4',
    '--out',
    outDir,
  ];
}

export interface ExampleOutput {
  path: string;
  input: string;
  prompt: string;
  seed: number;
  style: string;
}

export interface ExampleRun {
  exitCode: number | null;
  /** stdout and stderr, interleaved. */
  log: string;
  outputs: ExampleOutput[];
}

function pngFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.png') && !e.parentPath.includes('.thumbnails'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** Generates the fixtures under `workDir`, runs the example there and collects its outputs. */
export async function runReadmeExample(workDir: string): Promise<ExampleRun> {
  await generateFixtures(join(workDir, 'fixtures'));
  const outDir = join(workDir, 'out');
  const env: NodeJS.ProcessEnv = { ...process.env, STUDIO_DATA_DIR: join(workDir, 'data') };
  // The README's example runs without a key: the CLI must use its in-process simulator.
  delete env.SEGMIND_API_KEY;
  delete env.SEGMIND_BASE_URL;
  const child = spawn(
    'npm',
    ['run', 'sweep', '--', ...readmeArgs(join(workDir, 'fixtures', 'good'), outDir)],
    {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let log = '';
  child.stdout.on('data', (chunk) => {
    log += chunk;
  });
  child.stderr.on('data', (chunk) => {
    log += chunk;
  });
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code));
  });
  const outputs = (exitCode === 0 ? pngFiles(outDir) : []).map((path) => {
    const text = readPngText(readFileSync(path));
    return {
      path,
      input: text.input_name ?? '',
      prompt: text.prompt ?? '',
      seed: Number(text.seed),
      style: text.style_type ?? '',
    };
  });
  return { exitCode, log, outputs };
}
