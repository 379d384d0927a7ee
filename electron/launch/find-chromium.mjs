/**
 * Finds a Chromium or Chrome for the Playwright suites (never downloads one: `npx playwright install`
 * needs the internet). Order: env CHROMIUM_PATH, Debian's /usr/bin/chromium, then installed Chrome.
 * Where none exists and the machine is Debian with root, Debian's `chromium` package is installed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
];

/** Path of a usable Chromium/Chrome, or null. */
export function findChromium(env = process.env) {
  if (env.CHROMIUM_PATH) return existsSync(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/** Installs Debian's chromium when this is Debian and we are root; returns its path or null. */
export function installDebianChromium(say) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (process.platform !== 'linux' || !isRoot || !existsSync('/etc/debian_version')) return null;
  say("no Chromium found: installing Debian's chromium package (apt-get install -y chromium)…");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const quiet = { stdio: ['ignore', 'ignore', 'inherit'], env };
  spawnSync('apt-get', ['update', '-qq'], quiet);
  const installed = spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], quiet);
  if (installed.status !== 0) return null;
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : null;
}
