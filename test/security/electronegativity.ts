/**
 * The Electron security scan in `npm test`'s lint step: runs Doyensec's Electronegativity over the
 * shell's sources (`electron/`, plus `renderer/index.html` for the CSP and `package.json` for the
 * Electron version and command-line switches) and fails on any HIGH or MEDIUM finding that the reviewed
 * allow-list does not justify, on any file it could not parse (an unparsed file is an unchecked file),
 * and on allow-list entries that no longer match anything (so the list cannot rot).
 *
 * Sources rather than the built `out/`: the TypeScript parses cleanly, findings point at real lines,
 * and no build is needed. Offline: the check that downloads Electron's release list is skipped (the
 * installed Electron version is passed in instead); its translation download fails fast and is ignored.
 *
 * Usage: `npx tsx test/security/electronegativity.ts [--root <repo>] [--allow-list <file.json>]`
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

interface Finding {
  id: string;
  file: string;
  location: { line: number; column: number };
  sample?: string;
  description: string;
  severity: { name: 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH' };
  confidence: { name: string };
  manualReview: boolean;
}

interface ScanResult {
  issues: Finding[];
  errors: { file: string; message: string; tolerable: boolean }[];
}

type Run = (options: Record<string, unknown>) => Promise<ScanResult>;

export interface AllowEntry {
  /** Electronegativity check id, e.g. PRELOAD_JS_CHECK. */
  id: string;
  /** Path relative to the repo root, or 'N/A' for global checks. */
  file: string;
  /** Why this finding is acceptable; required and reviewed. */
  justification: string;
}

/** Checks that need the network; each is replaced by something that does not (see the file comment). */
const OFFLINE_EXCLUDED = ['AvailableSecurityFixesGlobalCheck'];
const BLOCKING = new Set(['HIGH', 'MEDIUM']);
const SCANNED = ['electron', 'renderer/index.html', 'package.json'];

const repoRoot = resolve(import.meta.dirname, '../..');
const { values } = parseArgs({
  options: {
    root: { type: 'string', default: repoRoot },
    'allow-list': { type: 'string', default: join(import.meta.dirname, 'electronegativity-allowlist.json') },
  },
});
const root = resolve(values.root!);

/** Reads and validates the allow-list: every entry names a check and a file and says why. */
function readAllowList(file: string): AllowEntry[] {
  if (!existsSync(file)) return [];
  const entries = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  if (!Array.isArray(entries)) throw new Error(`${file}: expected a JSON array of entries`);
  return entries.map((e, i) => {
    const entry = e as Partial<AllowEntry>;
    if (
      !entry.id ||
      !entry.file ||
      typeof entry.justification !== 'string' ||
      entry.justification.length < 20
    ) {
      throw new Error(`${file}[${i}]: needs id, file and a written justification (20+ characters)`);
    }
    return entry as AllowEntry;
  });
}

function electronVersion(): string {
  const pkg = join(repoRoot, 'node_modules/electron/package.json');
  return JSON.parse(readFileSync(pkg, 'utf8')).version;
}

async function scan(): Promise<ScanResult> {
  const stage = mkdtempSync(join(tmpdir(), 'sweep-electronegativity-'));
  try {
    for (const part of SCANNED) {
      if (existsSync(join(root, part))) cpSync(join(root, part), join(stage, part), { recursive: true });
    }
    const run = createRequire(import.meta.url)('@doyensec/electronegativity') as Run;
    return await run({
      input: stage,
      isRelative: true,
      excludeFromScan: OFFLINE_EXCLUDED,
      electronVersionOverride: electronVersion(),
    });
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

const started = performance.now();
const allowList = readAllowList(values['allow-list']!);
const result = await scan();
const used = new Set<AllowEntry>();
const blocking: Finding[] = [];
for (const f of result.issues) {
  const where = `${f.file}:${f.location.line}`;
  const allowed = allowList.find((a) => a.id === f.id && a.file === f.file);
  const tag = !BLOCKING.has(f.severity.name) ? 'note' : allowed ? 'allowed' : 'FAIL';
  if (allowed) used.add(allowed);
  else if (BLOCKING.has(f.severity.name)) blocking.push(f);
  console.log(`${tag.padEnd(7)} ${f.severity.name.padEnd(13)} ${f.id} ${where} — ${f.description}`);
}
const stale = allowList.filter((a) => !used.has(a));
for (const a of stale)
  console.log(`STALE   allow-list entry ${a.id} ${a.file} matches no finding: remove it`);
for (const e of result.errors) console.log(`PARSE   ${e.file}: ${e.message}`);
const unparsed = result.errors.filter((e) => !e.tolerable);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
const ok = blocking.length === 0 && stale.length === 0 && unparsed.length === 0;
console.log(
  `electronegativity: ${result.issues.length} findings, ${blocking.length} blocking, ${used.size} allowed, ` +
    `${stale.length} stale, ${unparsed.length} unparsed files (${seconds} s) — ${ok ? 'OK' : 'FAILED'}`,
);
process.exitCode = ok ? 0 : 1;
