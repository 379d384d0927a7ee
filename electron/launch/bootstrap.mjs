#!/usr/bin/env node
/**
 * The front door: `npm start` and `npm test` both come here, before any `npm install` has run, so this
 * file uses only Node's built-ins. It installs what is missing (npm ci, falling back to
 * ELECTRON_SKIP_BINARY_DOWNLOAD=1 when the Electron binary cannot be downloaded), finds or installs a
 * Chromium for browser tests, builds, then starts the studio or runs every check.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium, installDebianChromium } from './find-chromium.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const isWindows = process.platform === 'win32';
const npmCmd = isWindows ? 'npm.cmd' : 'npm';
const stampFile = join(root, 'node_modules', '.sweep-studio-install');

function say(line) {
  console.log(`[sweep-studio] ${line}`);
}

function run(cmd, args, opts = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: isWindows, ...opts });
  return result.status ?? 1;
}

function runOrExit(label, cmd, args, opts) {
  const status = run(cmd, args, opts);
  if (status !== 0) {
    say(`${label} failed (exit ${status}).`);
    process.exit(status);
  }
}

function lockHash() {
  const lock = readFileSync(join(root, 'package-lock.json'));
  const pkg = readFileSync(join(root, 'package.json'));
  return createHash('sha256').update(lock).update(pkg).digest('hex');
}

/** Installs dependencies when node_modules is missing or older than package-lock.json. */
function ensureDependencies() {
  const wanted = lockHash();
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === wanted) return;
  say('installing dependencies (npm ci)…');
  const firstTry = spawnSync(npmCmd, ['ci', '--no-fund', '--no-audit'], {
    cwd: root,
    shell: isWindows,
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
  });
  let skippedElectron = false;
  if (firstTry.status !== 0) {
    const electronFailed = /node_modules[\\/]electron\b/.test(firstTry.stderr ?? '');
    if (!electronFailed) process.stderr.write(firstTry.stderr ?? '');
    say(
      electronFailed
        ? 'the Electron binary could not be downloaded (offline?): retrying npm ci with ELECTRON_SKIP_BINARY_DOWNLOAD=1; the studio will open in web mode.'
        : 'npm ci failed; retrying once with ELECTRON_SKIP_BINARY_DOWNLOAD=1.',
    );
    const retry = spawnSync(npmCmd, ['ci', '--no-fund', '--no-audit'], {
      cwd: root,
      shell: isWindows,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
    });
    if (retry.status !== 0) {
      if (electronFailed) process.stderr.write(firstTry.stderr ?? '');
      say(`npm ci failed (exit ${retry.status}).`);
      process.exit(retry.status ?? 1);
    }
    skippedElectron = true;
  }
  if (!existsSync(join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'))) {
    say(
      'better-sqlite3 has no native module: its install script did not run (is it approved in package.json allowScripts?).',
    );
    process.exit(1);
  }
  writeFileSync(stampFile, `${wanted}\n`);
  if (skippedElectron) say('dependencies installed without the Electron binary.');
}

/** The Electron executable when its binary was downloaded, else null. */
function electronBinary() {
  const pathFile = join(root, 'node_modules/electron/path.txt');
  if (!existsSync(pathFile)) return null;
  const exe = join(root, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(exe) ? exe : null;
}

function build() {
  runOrExit(
    'build',
    process.execPath,
    [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
}

function tsx(script, args = [], opts = {}) {
  return run(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), script, ...args], opts);
}

/** Resolves the browser for the Playwright suites, installing Debian's chromium where that is possible. */
function prepareBrowser() {
  let chromium = findChromium();
  if (!chromium) chromium = installDebianChromium(say);
  if (chromium) {
    say(`browser tests use ${chromium}`);
    return chromium;
  }
  if (process.env.CI === 'true') {
    say(
      'no Chromium/Chrome found and none could be installed: browser tests cannot run, and CI=true forbids skipping them.',
    );
    process.exit(1);
  }
  say('no Chromium/Chrome found (set CHROMIUM_PATH to one): skipping browser tests.');
  return null;
}

function start() {
  ensureDependencies();
  build();
  const electron = electronBinary();
  if (electron && process.env.SWEEP_STUDIO_WEB !== '1') {
    const status = tsx(join(root, 'electron/launch/electron-native.ts'));
    if (status !== 0) say('could not prepare better-sqlite3 for Electron; starting web mode instead.');
    else process.exit(run(electron, ['.']));
  } else {
    say('no Electron binary on this machine: opening the studio in web mode.');
  }
  process.exit(tsx(join(root, 'electron/web/cli.ts'), ['--open']));
}

function test() {
  ensureDependencies();
  const steps = [
    ['lint', process.execPath, [join(root, 'node_modules/@biomejs/biome/bin/biome'), 'ci', '.']],
    ['typecheck', process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b']],
    [
      'security scan (electronegativity)',
      process.execPath,
      [join(root, 'node_modules/tsx/dist/cli.mjs'), 'test/security/electronegativity.ts'],
    ],
  ];
  for (const [label, cmd, args] of steps) {
    say(`${label}…`);
    runOrExit(label, cmd, args);
  }
  build();
  const chromium = prepareBrowser();
  say('unit and integration tests…');
  const reports = join(root, 'node_modules/.cache/sweep-studio-reports');
  mkdirSync(reports, { recursive: true });
  const vitestReport = join(reports, 'vitest.json');
  const playwrightReport = join(reports, 'playwright.json');
  runOrExit('vitest', process.execPath, [
    join(root, 'node_modules/vitest/vitest.mjs'),
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${vitestReport}`,
  ]);
  if (chromium) {
    say('browser tests (Playwright)…');
    runOrExit(
      'playwright',
      process.execPath,
      [join(root, 'node_modules/@playwright/test/cli.js'), 'test', '--reporter=list,json'],
      { env: { ...process.env, CHROMIUM_PATH: chromium, PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport } },
    );
  }
  say('benchmarks, quick form…');
  runOrExit('bench --quick', npmCmd, ['run', '--silent', 'bench', '--', '--quick'], {
    env: chromium ? { ...process.env, CHROMIUM_PATH: chromium } : process.env,
  });
  say('all checks passed.');
  console.log(testTotals(vitestReport, chromium ? playwrightReport : null));
}

/** One plain closing line over both runners: `tests: N passed, N failed, N skipped`. */
function testTotals(vitestReport, playwrightReport) {
  const v = JSON.parse(readFileSync(vitestReport, 'utf8'));
  let passed = v.numPassedTests;
  let failed = v.numFailedTests;
  let skipped = v.numPendingTests + v.numTodoTests;
  if (playwrightReport) {
    const p = JSON.parse(readFileSync(playwrightReport, 'utf8')).stats;
    passed += p.expected + p.flaky;
    failed += p.unexpected;
    skipped += p.skipped;
  }
  return `tests: ${passed} passed, ${failed} failed, ${skipped} skipped`;
}

const command = process.argv[2];
if (command === 'start') start();
else if (command === 'test') test();
else if (command === 'install') ensureDependencies();
else {
  console.error('usage: bootstrap.mjs start|test|install');
  process.exit(2);
}
