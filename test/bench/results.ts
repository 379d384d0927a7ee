/**
 * The benchmark results: one figure per row (value, unit, goal, verdict), the machine they were taken
 * on, `bench/results.json`, and the table printed to the console or pasted into the README as Markdown.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname } from 'node:path';

/** A goal: the value must be at most / at least `limit`. */
export type Goal = { kind: 'max'; limit: number } | { kind: 'min'; limit: number };

export interface Figure {
  /** Stable id, e.g. `sweep.wallOverIdeal`. */
  id: string;
  label: string;
  value: number | null;
  unit: string;
  goal?: Goal;
  /** Extra context shown after the value (e.g. the raw numbers behind a ratio). */
  note?: string;
}

export interface BenchResults {
  mode: 'quick' | 'full';
  date: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; platform: string; arch: string };
  node: string;
  simulator: 'child process';
  /** 1-minute load average before and after each benchmark (the machine may be shared). */
  load: { bench: string; before: number; after: number }[];
  figures: (Figure & { pass: boolean | null })[];
  /** Benchmarks that threw, with the message. */
  crashed: { name: string; message: string }[];
}

export function verdict(figure: Figure): boolean | null {
  if (!figure.goal || figure.value === null) return null;
  return figure.goal.kind === 'max' ? figure.value <= figure.goal.limit : figure.value >= figure.goal.limit;
}

export function describeMachine(): BenchResults['machine'] {
  const list = cpus();
  return {
    cpus: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    platform: process.platform,
    arch: process.arch,
  };
}

function formatValue(value: number | null): string {
  if (value === null) return 'n/a';
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

function formatGoal(goal: Goal | undefined): string {
  if (!goal) return '';
  return `${goal.kind === 'max' ? '<=' : '>='} ${goal.limit}`;
}

function formatPass(pass: boolean | null): string {
  return pass === null ? '' : pass ? 'pass' : 'FAIL';
}

type Cells = [string, string, string, string, string];

function rows(results: BenchResults): Cells[] {
  return results.figures.map((f) => [
    f.label,
    `${formatValue(f.value)} ${f.unit}`.trim(),
    formatGoal(f.goal),
    formatPass(f.pass),
    f.note ?? '',
  ]);
}

const HEADER: Cells = ['Figure', 'Value', 'Goal', 'Result', 'Notes'];

function caption(results: BenchResults): string {
  const m = results.machine;
  const load = results.load.flatMap((l) => [l.before, l.after]);
  const loadText =
    load.length > 0 ? `, load average ${Math.min(...load).toFixed(1)}-${Math.max(...load).toFixed(1)}` : '';
  return `${results.mode} run, ${results.date.slice(0, 10)}, ${m.cpus} x ${m.cpuModel}, Node ${results.node}${loadText}`;
}

/** The results as a Markdown table (with a one-line caption), ready to paste into the README. */
export function renderMarkdownTable(results: BenchResults): string {
  const escapeCell = (cell: string) => cell.replaceAll('|', '\\|');
  const line = (cells: string[]) => `| ${cells.map(escapeCell).join(' | ')} |`;
  return [
    `_${caption(results)}_`,
    '',
    line(HEADER),
    line(HEADER.map((_, i) => (i === 1 ? '---:' : '---'))),
    ...rows(results).map(line),
  ].join('\n');
}

/** The results as an aligned plain-text table for the console. */
export function renderConsoleTable(results: BenchResults): string {
  const all = [HEADER, ...rows(results)];
  const widths = HEADER.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 1 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const crashed = results.crashed.map((c) => `CRASHED ${c.name}: ${c.message}`);
  return [
    caption(results),
    line(HEADER),
    line(widths.map((w) => '-'.repeat(w))),
    ...all.slice(1).map(line),
    ...crashed,
  ].join('\n');
}

/** Writes the results as pretty JSON, creating the folder. */
export function writeResults(file: string, results: BenchResults): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}
