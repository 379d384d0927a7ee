/**
 * `npm run sweep -- ...`: the headless studio. Creates (or resumes) a batch, runs it with the same
 * engine as the desktop app, shows progress, and exits 0 only when every job completed. Ctrl-C pauses
 * cleanly (request ids in the air are kept; `--resume <id>` continues); a second Ctrl-C quits at once.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { SpendBackend } from '@shared/economics';
import { DEFAULT_RETRY_POLICY } from '@shared/policy/retry-policy';
import { type BatchState, describeBatch, type JobStateCounts } from '@shared/scheduling';
import { describeOffline } from '@shared/scheduling/connectivity';
import type { PruneTarget } from '@shared/sweep';
import { type Journal, journalPath, openJournal, resolveDataDir } from '../db';
import { BatchRequestError, NeedsSpendConfirmationError } from '../engine/batch-creator';
import { type BatchSummary, type Engine, type EngineOptions, startEngine } from '../engine/engine';
import { createSweepEstimator } from '../engine/sweep-estimator';
import { testPause, testPauseTarget } from '../engine/test-pause';
import { createInputProbe } from '../images/header-probe';
import { resolveApiKey } from '../service/api-key';
import { startBackend } from '../service/backend';
import type { StoredSettings } from '../service/settings';
import { spendSettingsOf } from '../service/settings';
import { CLI_HELP, type CliCommand, type CommonOptions, parseCliArgs } from './cli-args';
import {
  cliEstimateContext,
  describeEstimate,
  describeMoney,
  savedSettings,
  spendRefusal,
} from './cli-money';
import { specFromPng } from './from-png';
import { createProgressView, describeProgress } from './progress-view';

const SIMULATOR_LATENCY_SCALE = 0.02;

async function main(argv: string[]): Promise<number> {
  let command: CliCommand;
  try {
    command = parseCliArgs(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${CLI_HELP}`);
    return 2;
  }
  if (command.kind === 'help') {
    console.log(CLI_HELP);
    return argv.length === 0 || argv.includes('--help') || argv.includes('-h') ? 0 : 2;
  }
  testPauseTarget(); // a malformed STUDIO_TEST_PAUSE_AT fails here, not silently later

  const dataDir = resolve(command.common.dataDir ?? resolveDataDir());
  if (command.kind === 'run' && command.dryRun && !command.from) {
    // A dry run creates nothing: it reads the journal (settings, reuse, latency history) if there is one.
    const file = journalPath(dataDir);
    const journal = openJournal({ file: existsSync(file) ? file : ':memory:' });
    try {
      const settings = savedSettings(journal, dataDir);
      return await dryRun(command, {
        journal,
        settings,
        dataDir,
        wildcardsDir: wildcardsDirOf(command, dataDir, journal),
      });
    } finally {
      journal.close();
    }
  }
  mkdirSync(dataDir, { recursive: true });
  const journal = openJournal({
    file: journalPath(dataDir),
    onMigrationStep: () => testPause('migration'), // crash tests only: inert without STUDIO_TEST_PAUSE_AT
  });
  const settings = savedSettings(journal, dataDir);
  if (command.kind === 'run') {
    const resolved = await withPngBase(journal, command);
    if (!resolved || resolved.dryRun) {
      try {
        const wildcardsDir = resolved && wildcardsDirOf(resolved, dataDir, journal);
        return resolved && wildcardsDir
          ? await dryRun(resolved, { journal, settings, dataDir, wildcardsDir })
          : 2;
      } finally {
        journal.close();
      }
    }
    command = resolved;
  }
  if (command.kind === 'list') {
    printBatchList(
      journal.batches.list({ limit: 100 }).map((b) => ({ b, c: journal.jobs.countsByState(b.id) })),
    );
    journal.close();
    return 0;
  }

  const backend = await startBackend({
    apiKey: resolveApiKey().key,
    baseUrl: command.common.baseUrl,
    // The simulator keeps its jobs in the data folder, so a killed run resumes them like Segmind's.
    dataDir,
    simulator: { latencyScale: command.common.simulatorLatencyScale ?? SIMULATOR_LATENCY_SCALE },
  });
  const view = createProgressView(process.stdout, command.common.json);
  view.note(
    backend.kind === 'simulator'
      ? `Backend: offline SIMULATOR at ${backend.baseUrl} (no SEGMIND_API_KEY set; nothing is charged)`
      : `Backend: Segmind at ${backend.baseUrl} (real API: every job costs credits)`,
  );
  const engine = await startEngine({
    journal,
    dataDir,
    baseUrl: backend.baseUrl,
    apiKey: backend.apiKey,
    rebaseUrl: backend.rebaseUrl,
    backend: backend.kind,
    concurrency: command.common.concurrency,
    ...retryDelays(command.common.retryScale),
    ...budgetOptions(command.common, backend.simulator !== null),
    expectedLatencyMs: backend.simulator?.medianLatencyMs(),
    economics: { backend: backend.kind, settings: () => spendSettingsOf(settings) },
  });
  try {
    const batchId =
      command.kind === 'resume'
        ? resumeBatch(engine, journal, command, view.note)
        : await create(engine, command, {
            settings,
            backend: backend.kind,
            wildcardsDir: wildcardsDirOf(command, dataDir, journal),
          });
    if (!batchId) return 2;
    return await follow(engine, batchId, command.common, view);
  } finally {
    await engine.stop();
    journal.close();
    await backend.close();
  }
}

/** The engine's and client's default delays (see EngineOptions, RetryPolicy) times `scale`. */
function retryDelays(scale: number): Partial<EngineOptions> {
  if (scale === 1) return {};
  return {
    retryBaseDelayMs: 2_000 * scale,
    rateLimitBackoffMs: 1_000 * scale,
    retry: {
      baseDelayMs: DEFAULT_RETRY_POLICY.baseDelayMs * scale,
      maxDelayMs: DEFAULT_RETRY_POLICY.maxDelayMs * scale,
    },
  };
}

/**
 * `--rpm` and `--offline-fail-after` as engine options. Without `--rpm`: discover the account's limit
 * against Segmind (the app's default), no budget on the built-in simulator (it has none).
 */
function budgetOptions(common: CommonOptions, simulator: boolean): Partial<EngineOptions> {
  const rpm = common.requestsPerMinute;
  const requestsPerMinute =
    rpm === undefined ? (simulator ? undefined : null) : rpm === 'none' ? undefined : rpm;
  return { requestsPerMinute, offlineFailAfterMin: common.offlineFailAfterMin ?? null };
}

type RunCommand = Extract<CliCommand, { kind: 'run' }> & { parentBatchId?: string; parentJobId?: number };

/**
 * The wildcards folder: `--wildcards-dir`, else the studio's setting in this data folder's journal
 * (read when the journal is open), else `<data-dir>/wildcards` (the setting's default).
 */
function wildcardsDirOf(command: RunCommand, dataDir: string, journal: Journal | null): string {
  if (command.wildcardsDir) return resolve(command.wildcardsDir);
  let stored: string | undefined;
  if (journal) stored = journal.settings.get<{ wildcardsDir?: string }>('studio')?.wildcardsDir;
  else if (existsSync(journalPath(dataDir))) {
    const peek = openJournal({ file: journalPath(dataDir) });
    stored = peek.settings.get<{ wildcardsDir?: string }>('studio')?.wildcardsDir;
    peek.close();
  }
  return stored ?? join(dataDir, 'wildcards');
}

/** With `--from`, the PNG's recorded job under the flags given; prints what was read. Null: refused. */
async function withPngBase(journal: Journal, command: RunCommand): Promise<RunCommand | null> {
  if (!command.from) return command;
  try {
    const base = await specFromPng(journal, command.from, command.spec);
    for (const line of base.notes)
      console.log(command.common.json ? JSON.stringify({ type: 'note', message: line.trim() }) : line);
    return { ...command, spec: base.spec, parentBatchId: base.parentBatchId, parentJobId: base.parentJobId };
  } catch (error) {
    console.error((error as Error).message);
    return null;
  }
}

async function create(
  engine: Engine,
  command: RunCommand,
  run: { settings: StoredSettings; backend: SpendBackend; wildcardsDir: string },
): Promise<string | null> {
  const { settings, backend, wildcardsDir } = run;
  try {
    const created = await engine.createBatch({
      spec: command.spec,
      outputDir: resolve(command.outDir),
      name: command.name,
      priority: command.priority,
      confirmLarge: command.confirmLarge,
      maxSpendUsd: command.maxSpendUsd,
      spend: {
        priceUsd: settings.pricePerGenerationUsd,
        backend,
        confirmAboveUsd: settings.confirmAboveUsd,
        // --yes confirms any amount; --max-spend confirms up to the cap it sets.
        confirmedUsd: command.confirmLarge ? Number.POSITIVE_INFINITY : (command.maxSpendUsd ?? undefined),
      },
      wildcardsDir,
      ...(command.parentBatchId ? { parentBatchId: command.parentBatchId } : {}),
      ...(command.parentJobId !== undefined ? { parentJobId: command.parentJobId } : {}),
    });
    for (const p of [...created.discoveryProblems, ...created.inputProblems])
      console.error(`skipped: ${p.message}`);
    if (!command.common.json) {
      console.log(`Batch ${created.batchId}: ${created.jobCount} jobs from ${created.inputCount} images`);
    }
    return created.batchId;
  } catch (error) {
    if (error instanceof NeedsSpendConfirmationError) {
      console.error(spendRefusal(error.estimate, settings.confirmAboveUsd));
      return null;
    }
    if (!(error instanceof BatchRequestError)) throw error;
    for (const issue of error.issues) console.error(`${issue.field}: ${issue.message}`);
    return null;
  }
}

function resumeBatch(
  engine: Engine,
  journal: Journal,
  { batchId, maxSpendUsd, prune, unprune }: Extract<CliCommand, { kind: 'resume' }>,
  note: (message: string) => void,
): string | null {
  const summary = engine.summary(batchId);
  if (!summary) {
    console.error(`no batch ${batchId} in this data folder (see --list)`);
    return null;
  }
  for (const [undo, asked] of [
    ...unprune.map((t) => [true, t] as const),
    ...prune.map((t) => [false, t] as const),
  ]) {
    const target = asked.axis === 'input' ? inputTarget(journal, batchId, asked.value) : asked;
    if (!target) {
      console.error(`input=${asked.value}: no input of batch ${batchId} has that name or path`);
      return null;
    }
    const count = undo
      ? engine.unprune(batchId, target)
      : engine.prune(batchId, target, `${asked.axis} ${asked.value}`);
    const jobs = `${count} job${count === 1 ? '' : 's'} of ${asked.axis} ${asked.value}`;
    note(undo ? `queued ${jobs} again (prune undone)` : `pruned ${jobs}: skipped, not paid`);
  }
  // A new cap first: a batch paused at its old cap then resumes with room.
  if (maxSpendUsd !== null) engine.setMaxSpend(batchId, maxSpendUsd);
  if (
    summary.batch.state === 'paused' ||
    summary.batch.state === 'halted' ||
    summary.batch.state === 'draft'
  ) {
    engine.start(batchId);
  }
  return batchId;
}

/** `--prune input=<name>`: the batch's input by relative path, file name or name without extension. */
function inputTarget(journal: Journal, batchId: string, name: string): PruneTarget | null {
  const input = journal.inputs
    .listByBatch(batchId)
    .find(
      (i) => i.relPath === name || basename(i.relPath) === name || i.name === name || String(i.id) === name,
    );
  return input ? { axis: 'input', value: String(input.id) } : null;
}

/** Shows progress until the batch settles or Ctrl-C; returns the exit code. */
async function follow(
  engine: Engine,
  batchId: string,
  common: CommonOptions,
  view: ReturnType<typeof createProgressView>,
) {
  const show = () => {
    const s = engine.summary(batchId);
    if (s) view.update(s);
  };
  const unsubscribe = engine.subscribe((changes) => {
    if (changes.batches.some((b) => b.batch.id === batchId)) show();
  });
  const unHalt = engine.onHaltChange((gate) => {
    if (gate.state === 'halted') view.note(`HALTED: ${gate.message}`);
  });
  // One line per change of the way to Segmind, never one per probe.
  let offlineSince: number | null = null;
  const unConnectivity = engine.onConnectivityChange((state) => {
    if (state.state === 'offline' && engine.offlineGivenUp()) {
      view.note(
        `Offline longer than --offline-fail-after ${common.offlineFailAfterMin} min: the waiting jobs fail`,
      );
    } else if (state.state === 'offline' && offlineSince === null) {
      offlineSince = state.sinceMs;
      view.note(
        `${describeOffline(state, Date.now())} (${state.cause}); nothing is submitted and no job fails for it`,
      );
    } else if (state.state === 'online' && offlineSince !== null) {
      view.note(`Back online after ${formatSeconds(Date.now() - offlineSince)}; resuming`);
      offlineSince = null;
    }
  });
  show();
  let interrupted = 0;
  const onSigint = () => {
    interrupted++;
    if (interrupted > 1) process.exit(130);
    view.note(
      `Pausing… (request ids in the air are kept; Ctrl-C again to quit now). Resume: npm run sweep -- --resume ${batchId}`,
    );
    engine.pause(batchId);
    void engine.stop();
  };
  process.on('SIGINT', onSigint);
  await engine.idle();
  process.off('SIGINT', onSigint);
  unsubscribe();
  unHalt();
  unConnectivity();
  const final = engine.summary(batchId)!;
  view.finish(final);
  if (!common.json) printOutcome(final, engine.backend);
  // Pruned jobs were skipped on purpose: a batch whose every other job completed succeeded.
  const ok = final.counts.completed + final.counts.skipped_duplicate + final.ledger.pruned === final.total;
  return ok ? 0 : interrupted ? 130 : 1;
}

function formatSeconds(ms: number): string {
  return `${Math.max(1, Math.round(ms / 1000))} s`;
}

function printOutcome(s: BatchSummary, backend: SpendBackend): void {
  const c = s.counts;
  const lines = [
    `Batch ${s.batch.id}: ${describeProgress(s)}`,
    describeMoney(s.ledger, backend),
    `Outputs: ${s.batch.folder ? join(s.batch.outputDir, s.batch.folder) : s.batch.outputDir}`,
  ];
  if (s.batch.pauseReason) lines.push(`Paused: ${s.batch.pauseReason}`);
  if (s.batch.pauseReason && s.batch.maxSpendUsd !== null) {
    lines.push(`Continue with a higher cap: npm run sweep -- --resume ${s.batch.id} --max-spend <usd>`);
  } else if (s.batch.state !== 'completed') {
    lines.push(`Continue with: npm run sweep -- --resume ${s.batch.id}`);
  }
  if (c.failed) lines.push(`${c.failed} failed (see the studio's grid or --json for reasons)`);
  console.log(lines.join('\n'));
}

/** Prices and times the sweep (reuse looked up in this journal), creates nothing, sends nothing. */
async function dryRun(
  command: RunCommand,
  at: { journal: Journal; settings: StoredSettings; dataDir: string; wildcardsDir: string },
): Promise<number> {
  const { journal, settings, wildcardsDir } = at;
  const backend: SpendBackend = resolveApiKey().key ? 'segmind' : 'simulator';
  const context = cliEstimateContext(journal, settings, {
    backend,
    concurrency: command.common.concurrency,
    simulatorLatencyScale: command.common.simulatorLatencyScale ?? SIMULATOR_LATENCY_SCALE,
    wildcardsDir,
  });
  const estimator = createSweepEstimator({
    journal,
    prepareCacheDir: join(at.dataDir, 'cache', 'inputs'),
    probe: createInputProbe(),
  });
  const e = await estimator.estimate(command.spec, context);
  if (!e.ok) {
    for (const issue of e.issues) console.error(`${issue.field}: ${issue.message}`);
    return 2;
  }
  if (command.common.json) {
    const { text: _text, durationText, ...figures } = e;
    console.log(JSON.stringify({ type: 'dry-run', jobs: e.jobCount, estimate: durationText, ...figures }));
  } else {
    console.log(describeEstimate(e));
    if (e.needsConfirmation) console.log(spendRefusal(e, settings.confirmAboveUsd).split('\n')[0]);
  }
  return 0;
}

function printBatchList(
  rows: { b: { id: string; name: string; state: BatchState; createdAt: number }; c: JobStateCounts }[],
) {
  if (rows.length === 0) console.log('no batches yet');
  for (const { b, c } of rows) {
    const created = new Date(b.createdAt).toISOString().slice(0, 16).replace('T', ' ');
    console.log(`${b.id}  ${describeBatch(b.state, c).line.padEnd(44)}  ${created}  ${b.name}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
