/**
 * Command line front of the offline simulator (`npm run simulator -- --port 8787 --fault-5xx 0.1`).
 * Prints one clear first line saying this is the SIMULATOR and where it listens, then the stats when
 * stopped with Ctrl+C (SIGINT) or SIGTERM. Flags: see cli-options.ts or `--help`.
 */
import { HELP, parseCliOptions } from './cli-options';
import { type SimulatorOptionsPatch, startSimulator } from './server';

async function main(): Promise<void> {
  let options: SimulatorOptionsPatch | 'help';
  try {
    options = parseCliOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`simulator: ${(error as Error).message}\n\n${HELP}`);
    process.exitCode = 2;
    return;
  }
  if (options === 'help') {
    console.log(HELP);
    return;
  }
  const sim = await startSimulator(options);
  console.log(`Segmind SIMULATOR (offline) listening on ${sim.baseUrl} — api key: ${sim.apiKey}`);
  const active = Object.entries(options.faults ?? {}).filter(([, p]) => (p ?? 0) > 0);
  console.log(
    `latency scale ${options.latencyScale ?? 0.02}; faults: ${active.length ? active.map(([k, p]) => `${k}=${p}`).join(', ') : 'none'}; point a client at SEGMIND_BASE_URL=${sim.baseUrl}`,
  );
  console.log(
    options.stateDir
      ? `jobs kept in ${options.stateDir} (they survive a restart)`
      : 'jobs kept in memory (--state-dir <folder> keeps them across restarts)',
  );
  const stop = async (): Promise<void> => {
    console.log(`\nsimulator stats:\n${JSON.stringify(sim.stats(), null, 2)}`);
    await sim.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

void main();
