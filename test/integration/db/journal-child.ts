/**
 * Child process for the journal integration tests (run with `node --import tsx`).
 * `crash <file>`: creates a batch, records an accepted submit and an interrupted one, then SIGKILLs
 * itself without closing the journal. `open <file> <name>`: opens (migrating if needed) and adds a batch.
 */
import { openJournal } from '../../../electron/db/connection';
import { jobAt } from '../../unit/db/journal-fixture';

const [mode, file, name = 'child'] = process.argv.slice(2);
if (!file) throw new Error('usage: journal-child.ts crash|open <file> [name]');
const journal = openJournal({ file });
const batchId = journal.transaction(() => {
  const id = journal.batches.create({
    name,
    spec: { prompts: ['p'] },
    outputDir: '/out',
    template: '{input}',
  });
  journal.inputs.insert(id, { idx: 0, path: '/a.jpg', relPath: 'a.jpg', name: 'a' });
  journal.jobs.insertMany(id, [jobAt(0), jobAt(1), jobAt(2)]);
  return id;
});
if (mode === 'crash') {
  const [a, b] = journal.jobs.listPending(batchId, 2);
  if (!a || !b) throw new Error('expected two pending jobs');
  journal.jobs.markSubmitting(a.id);
  journal.jobs.recordRequestId(a.id, {
    requestId: 'req-before-crash',
    statusUrl: 'http://s',
    responseUrl: 'http://r',
  });
  journal.jobs.markSubmitting(b.id);
  process.stdout.write(`${batchId}\n`);
  process.kill(process.pid, 'SIGKILL');
}
journal.close();
process.stdout.write(`${batchId}\n`);
