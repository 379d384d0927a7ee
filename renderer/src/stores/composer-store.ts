/**
 * The composer's state: the form (kept while the artist visits other views) and the last input scan.
 * Scans run through `inputs:scan`; a newer scan supersedes an older one still in flight, so a slow scan
 * of a big folder can never overwrite the answer for the path typed after it. The composer's other calls
 * to main (folder pickers, the authoritative preview, starting the batch) are actions here too.
 */

import type {
  BatchView,
  CreatedBatchView,
  InputScan,
  InputView,
  JobView,
  MethodArgs,
  SweepEstimateView,
  SweepPreview,
} from '@shared/contract';
import { create } from 'zustand';
import { studio } from '../api/studio-api';
import { errorText } from '../components/error-text';
import { type ComposerForm, EMPTY_FORM, formFromSpec } from './composer-form';
import { type ComposerSection, SECTION_OF_KEY } from './composer-issues';
import { aroundForm, aroundOrigin, type ComposerOrigin, type Neighbourhood } from './composer-origin';

export type { ComposerOrigin } from './composer-origin';

import { useNotify } from './notify-store';

export type ScanState =
  | { status: 'idle' }
  | { status: 'scanning' }
  | { status: 'done'; scan: InputScan }
  | { status: 'error'; message: string };

export interface ComposerState {
  form: ComposerForm;
  scan: ScanState;
  /** Where the form came from, shown as a note ("Loaded from batch …"). */
  loadedFrom: string | null;
  /** Parts of the form the artist has edited or left: their errors show. */
  touched: Partial<Record<ComposerSection, true>>;
  /** Start was pressed (or a sweep loaded): every error shows. */
  revealAll: boolean;
  /** Marks a part of the form as touched (leaving a field counts). */
  touch(section: ComposerSection): void;
  /** Shows every error (Start pressed with something to fix). */
  revealIssues(): void;
  /**
   * The result this sweep starts from ("Sweep around this…", a re-run of a PNG): its batch becomes the
   * new batch's parent. Cleared by any other load and by Clear form.
   */
  origin: ComposerOrigin | null;
  set<K extends keyof ComposerForm>(key: K, value: ComposerForm[K]): void;
  update(patch: Partial<ComposerForm>): void;
  addPaths(paths: string[]): void;
  removePath(path: string): void;
  /** Scans the current paths (no-op without paths). */
  rescan(): Promise<void>;
  loadSpec(spec: Record<string, unknown>, from: string): void;
  /** Prefills the form with `job` alone and offers its neighbourhood (see `setNeighbourhood`). */
  sweepAround(job: JobView, input: InputView, batch: BatchView): void;
  /** Adds or removes directions around the origin job: rewrites only the axes they own. */
  setNeighbourhood(around: Neighbourhood): void;
  /** Loads a spec made from a PNG's record, with the PNG's batch and job as parent when known. */
  loadRerun(spec: Record<string, unknown>, fileName: string, parent: ComposerOrigin['parent']): void;
  reset(): void;
  /** Electron's native folder picker; adds what was picked. `supported` is false in web mode. */
  pickInputFolders(): Promise<{ supported: boolean }>;
  /** Electron's native folder picker for the output folder; sets it when one was picked. */
  pickOutputFolder(): Promise<void>;
  /** Main's preview of a spec: the authoritative estimate, confirmation threshold and issues. */
  previewSweep(args: MethodArgs<'sweep:preview'>): Promise<SweepPreview>;
  /** What the sweep will cost and take (reuse looked up by key in main). */
  estimateSweep(args: MethodArgs<'sweep:estimate'>): Promise<SweepEstimateView>;
  /**
   * Creates and starts the batch (recording the parent the composer came from), then offers web mode's
   * batch-end notification. Rejects with main's error (the contract error, unchanged).
   */
  createBatch(args: MethodArgs<'batch:create'>): Promise<CreatedBatchView>;
}

/** Images listed by a scan; the count is always complete. Default 500. */
const SCAN_LIMIT = 500;

let scanGeneration = 0;

/** `touched` with the sections of `keys` added (the same object when nothing new). */
function touching(
  touched: Partial<Record<ComposerSection, true>>,
  keys: readonly (keyof ComposerForm)[],
): Partial<Record<ComposerSection, true>> {
  const sections = keys.map((k) => SECTION_OF_KEY[k]).filter((s): s is ComposerSection => s !== null);
  if (sections.every((s) => touched[s])) return touched;
  return { ...touched, ...Object.fromEntries(sections.map((s) => [s, true])) };
}

export const useComposer = create<ComposerState>((set, get) => ({
  form: EMPTY_FORM,
  scan: { status: 'idle' },
  loadedFrom: null,
  touched: {},
  revealAll: false,
  origin: null,
  set: (key, value) =>
    set((s) => ({ form: { ...s.form, [key]: value }, touched: touching(s.touched, [key]) })),
  update: (patch) =>
    set((s) => ({
      form: { ...s.form, ...patch },
      touched: touching(s.touched, Object.keys(patch) as (keyof ComposerForm)[]),
    })),
  addPaths: (paths) =>
    set((s) => {
      const fresh = paths.map((p) => p.trim()).filter((p) => p && !s.form.paths.includes(p));
      return fresh.length
        ? { form: { ...s.form, paths: [...s.form.paths, ...fresh] }, touched: { ...s.touched, inputs: true } }
        : s;
    }),
  removePath: (path) =>
    set((s) => ({
      form: { ...s.form, paths: s.form.paths.filter((p) => p !== path) },
      touched: { ...s.touched, inputs: true },
    })),
  touch: (section) => {
    if (!get().touched[section]) set((s) => ({ touched: { ...s.touched, [section]: true } }));
  },
  revealIssues: () => set({ revealAll: true }),
  async rescan() {
    const { paths, recursive } = get().form;
    const generation = ++scanGeneration;
    if (paths.length === 0) {
      set({ scan: { status: 'idle' } });
      return;
    }
    set({ scan: { status: 'scanning' } });
    try {
      const scan = await studio['inputs:scan']({ paths, recursive, limit: SCAN_LIMIT });
      if (generation === scanGeneration) set({ scan: { status: 'done', scan } });
    } catch (error) {
      if (generation === scanGeneration) set({ scan: { status: 'error', message: errorText(error) } });
    }
  },
  // A loaded sweep was filled in by someone: what is wrong with it shows at once.
  loadSpec: (spec, from) =>
    set({
      form: formFromSpec(spec),
      loadedFrom: from,
      origin: null,
      scan: { status: 'idle' },
      touched: {},
      revealAll: true,
    }),
  sweepAround: (job, input, batch) => {
    const origin = aroundOrigin(job, input, batch);
    set({
      form: aroundForm(origin, null),
      loadedFrom: null,
      origin,
      scan: { status: 'idle' },
      touched: {},
      revealAll: true,
    });
  },
  setNeighbourhood: (around) =>
    set((s) => {
      if (s.origin?.kind !== 'around') return s;
      const origin = { ...s.origin, around };
      return { origin, form: aroundForm(origin, s.form) };
    }),
  loadRerun: (spec, fileName, parent) =>
    set({
      form: formFromSpec(spec),
      loadedFrom: `the PNG ${fileName}`,
      origin: { kind: 'png', fileName, parent },
      scan: { status: 'idle' },
      touched: {},
      revealAll: true,
    }),
  reset: () =>
    set({
      form: EMPTY_FORM,
      loadedFrom: null,
      origin: null,
      scan: { status: 'idle' },
      touched: {},
      revealAll: false,
    }),
  async pickInputFolders() {
    const res = await studio['inputs:pickFolder']({ purpose: 'inputs' });
    if (res.supported && res.paths) get().addPaths(res.paths);
    return { supported: res.supported };
  },
  async pickOutputFolder() {
    const res = await studio['inputs:pickFolder']({ purpose: 'output' });
    if (res.paths?.[0]) get().set('outputDir', res.paths[0]);
  },
  previewSweep: (args) => studio['sweep:preview'](args),
  estimateSweep: (args) => studio['sweep:estimate'](args),
  async createBatch(args) {
    const parent = get().origin?.parent;
    const created = await studio['batch:create']({
      ...(parent ? { parentBatchId: parent.batchId } : {}),
      ...(parent?.jobId != null ? { parentJobId: parent.jobId } : {}),
      ...args,
    });
    // A batch has started: the moment to offer "tell me when it is done" in web mode.
    useNotify.getState().batchStarted();
    return created;
  },
}));
