/**
 * Re-run from a PNG: the panel's state and its calls to main. A PNG is read by path (typed, dropped
 * with a file path, or picked with the desktop's dialog) or, in a browser that never reveals paths, as
 * its bytes without the image data (shared/provenance's `pngWithoutImageData`, well under the web
 * bridge's body limit). "Run again" creates the one-job batch right here; "Open in composer" hands the
 * spec to the composer store.
 */
import { type CreatedBatchView, PNG_UPLOAD_MAX_BASE64, type PngRecordView } from '@shared/contract';
import { pngWithoutImageData, rerunSpec } from '@shared/provenance';
import { create } from 'zustand';
import { studio } from '../api/studio-api';
import { errorText } from '../components/error-text';
import { useComposer } from './composer-store';

export type PngReadState =
  | { status: 'idle' }
  | { status: 'reading'; name: string }
  | { status: 'done'; record: PngRecordView }
  | { status: 'error'; message: string };

export interface PngState {
  open: boolean;
  read: PngReadState;
  setOpen(open: boolean): void;
  readPath(path: string): Promise<void>;
  readFile(file: File): Promise<void>;
  /** The desktop's file dialog; `supported` is false in web mode. */
  pick(): Promise<{ supported: boolean }>;
  /** The record as a composer form over `inputPath`, with its batch and job as parent when known. */
  openInComposer(inputPath: string): void;
  /** Creates and starts the re-run over `inputPath`. Rejects with main's error. */
  runAgain(inputPath: string): Promise<CreatedBatchView>;
}

let generation = 0;

/** Base64 of bytes, in slices (String.fromCharCode on a whole file would overflow the stack). */
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export const usePng = create<PngState>((set, get) => {
  const run = async (name: string, call: () => Promise<PngRecordView>) => {
    const mine = ++generation;
    set({ read: { status: 'reading', name } });
    try {
      const record = await call();
      if (mine === generation) set({ read: { status: 'done', record } });
    } catch (error) {
      if (mine === generation) set({ read: { status: 'error', message: errorText(error) } });
    }
  };
  const record = () => {
    const read = get().read;
    if (read.status !== 'done') throw new Error('no PNG has been read');
    return read.record;
  };
  return {
    open: false,
    read: { status: 'idle' },
    setOpen: (open) => set({ open }),
    readPath: (path) => run(path, () => studio['png:read']({ path })),
    readFile: async (file) => {
      const bytes = pngWithoutImageData(new Uint8Array(await file.arrayBuffer()));
      const bytesBase64 = toBase64(bytes);
      if (bytesBase64.length > PNG_UPLOAD_MAX_BASE64) {
        set({
          read: {
            status: 'error',
            message: `${file.name}: its text is too large to upload (${bytes.length} bytes without the image); give its path instead`,
          },
        });
        return;
      }
      await run(file.name, () => studio['png:read']({ name: file.name || 'dropped.png', bytesBase64 }));
    },
    async pick() {
      const res = await studio['png:pick']({});
      if (res.supported && res.path) await get().readPath(res.path);
      return { supported: res.supported };
    },
    openInComposer(inputPath) {
      const r = record();
      useComposer.getState().loadRerun(rerunSpec(r.params, inputPath), r.fileName, r.parent);
      set({ open: false });
    },
    runAgain(inputPath) {
      const r = record();
      return studio['batch:create']({
        spec: rerunSpec(r.params, inputPath),
        name: `Re-run of ${r.fileName}`,
        ...(r.parent ? { parentBatchId: r.parent.batchId } : {}),
        ...(r.parent?.jobId != null ? { parentJobId: r.parent.jobId } : {}),
      });
    },
  };
});
