/**
 * The engine and its edges never write to the console: what they have to say goes to the injected log
 * (electron/log), where it is kept, leveled and scrubbed of keys. biome.json's noConsole override says
 * so too; this scan reads the files themselves, so a rule switched off by a later override still fails.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '../../..');
const FOLDERS = ['electron/engine', 'electron/segmind', 'electron/images', 'electron/db'];

/** `console.x(` or `console['x'](` outside comments (line comments and JSDoc lines are skipped). */
const CONSOLE_CALL = /\bconsole\s*(\.\s*\w+|\[)/;

function sourceFiles(folder: string): string[] {
  return readdirSync(join(repo, folder), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|mts|js|mjs)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

it.each(FOLDERS)('%s has no console call', (folder) => {
  const files = sourceFiles(folder);
  expect(files.length).toBeGreaterThan(0);
  const hits: string[] = [];
  for (const file of files) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        const code = line.trimStart();
        if (code.startsWith('//') || code.startsWith('*') || code.startsWith('/*')) return;
        if (CONSOLE_CALL.test(code)) hits.push(`${relative(repo, file)}:${i + 1}: ${code}`);
      });
  }
  expect(hits).toEqual([]);
});

it('the scan finds a console call when there is one', () => {
  expect(CONSOLE_CALL.test("console.error('[scheduler] job crashed', error);")).toBe(true);
  expect(CONSOLE_CALL.test("globalThis.console['log']('x')")).toBe(true);
  expect(CONSOLE_CALL.test('log.error({ err }, "consoles are not this")')).toBe(false);
});
