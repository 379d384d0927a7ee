/**
 * The folder direction is a lint rule, not a habit: biome.json's noRestrictedImports overrides refuse an
 * engine importing the service layer, an edge (db, images, segmind) importing the engine, the renderer
 * importing electron/, a renderer view calling main without its store, and shared/ importing Node. Each deliberate bad import below is linted in a copy
 * of the project's Biome configuration (so the repository is never touched) and must fail, naming the
 * rule; the allowed imports beside them must pass. (Biome lets a later override replace an earlier one's
 * options for the same rule, which once silently switched the shared/ rule off; hence every override
 * repeats the electron rule and this test covers each folder.) The same harness checks the noConsole
 * override: the engine and its edges log through electron/log, never the console.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '../../..');
const biome = join(repo, 'node_modules/@biomejs/biome/bin/biome');
let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'sweep-direction-'));
  const config = JSON.parse(readFileSync(join(repo, 'biome.json'), 'utf8'));
  delete config.$schema;
  config.vcs = { enabled: false };
  writeFileSync(join(root, 'biome.json'), JSON.stringify(config));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Lints one file at `path` (relative to a project laid out like this one) holding `source`. */
function lint(path: string, source: string): { code: number | null; out: string } {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, source);
  const run = spawnSync(process.execPath, [biome, 'lint', '--colors=off', path], {
    cwd: root,
    encoding: 'utf8',
  });
  rmSync(file);
  return { code: run.status, out: `${run.stdout}${run.stderr}` };
}

const typeImport = (from: string) => `import type { X } from '${from}';\nexport type Y = X;\n`;

describe('import direction lint', () => {
  it.each([
    ['electron/engine/bad.ts', '../service/backend', /engine never imports the service layer/],
    ['electron/engine/bad.ts', '../web/web-server', /engine never imports/],
    ['electron/db/bad.ts', '../engine/engine', /db, images, inputs and segmind are edges/],
    ['electron/images/bad.ts', '../engine/scheduler', /db, images, inputs and segmind are edges/],
    ['electron/segmind/bad.ts', '../engine', /db, images, inputs and segmind are edges/],
    ['electron/inputs/bad.ts', '../engine/sweep-inputs', /db, images, inputs and segmind are edges/],
    ['renderer/src/views/bad.ts', '../../../electron/engine/engine', /renderer .* never imports electron/],
    ['renderer/src/stores/bad.ts', '../../../electron/engine/engine', /renderer .* never imports electron/],
    ['renderer/src/views/grid/bad.ts', '../../api/studio-api', /Stores own the data/],
    ['renderer/src/shell/bad.ts', '../api/studio-api', /Stores own the data/],
    ['shared/sweep/bad.ts', 'node:fs', /shared\/ is pure TypeScript/],
    ['electron/engine/bad.ts', 'electron', /Only the Electron shell/],
  ])('%s importing %s fails', (path, from, message) => {
    const { code, out } = lint(path, typeImport(from));
    expect(code, out).not.toBe(0);
    expect(out).toContain('noRestrictedImports');
    expect(out).toMatch(message);
  });

  it.each([
    ['electron/engine/ok.ts', '../db'],
    ['electron/service/ok.ts', '../engine/engine'],
    ['renderer/src/views/ok.ts', '@shared/contract'],
    ['renderer/src/views/grid/ok.ts', '../../api/media-url'],
    ['renderer/src/stores/ok.ts', '../api/studio-api'],
    ['electron/segmind/ok.ts', '@shared/policy/retry-policy'],
  ])('%s importing %s passes', (path, from) => {
    const { code, out } = lint(path, typeImport(from));
    expect(code, out).toBe(0);
  });
});

describe('no console in the engine and its edges', () => {
  const call = "export function f(): void {\n  console.error('crashed');\n}\n";
  it.each([
    'electron/engine/bad.ts',
    'electron/segmind/bad.ts',
    'electron/images/bad.ts',
    'electron/db/bad.ts',
    'electron/inputs/bad.ts',
  ])('%s calling console fails', (path) => {
    const { code, out } = lint(path, call);
    expect(code, out).not.toBe(0);
    expect(out).toContain('noConsole');
  });

  it('the shell, web mode and the CLI may still print', () => {
    const { code, out } = lint('electron/cli/ok.ts', call);
    expect(code, out).toBe(0);
  });
});
