/**
 * What can be done with a job's output file, by shell. The desktop opens it with the system's app or
 * shows it in the file manager; web mode cannot reach the OS file manager, so it offers what a browser
 * can: the image in a new tab, a download, and the path copied. A failure says what went wrong (the
 * system refused, or the file is really gone), never "missing" for a file that is there.
 */
import type { JobView } from '@shared/contract';
import { useState } from 'react';
import { mediaUrl } from '../../api/media-url';
import { Button } from '../../components/Button';
import { useApp } from '../../stores/app-store';
import { useBatchStore } from '../../stores/batch-store';

/** The file name at the end of a path (either separator). */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

/** Copies `text`; the Clipboard API where the page may use it, else a selected textarea and execCommand. */
async function copyText(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) {
    try {
      await navigator.clipboard.writeText(text);
      return;
    } catch {
      // Not allowed here (no focus, or an insecure context): fall back below.
    }
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('the browser refused to copy');
}

const REASONS = {
  missing: 'The file is not there any more (moved or deleted outside the studio).',
  failed: 'The system could not open it.',
  unsupported: 'This window cannot open the file manager.',
} as const;

export function FileActions({ job, onError }: { job: JobView; onError(message: string): void }) {
  const shell = useApp((s) => (s.info.status === 'ready' ? s.info.value.shell : null));
  const [copied, setCopied] = useState(false);
  if (!job.hasOutput || !job.outputPath) return null;
  const path = job.outputPath;
  const copy = () =>
    copyText(path)
      .then(() => {
        setCopied(true);
        setTimeout(() => setCopied(false), 2000);
      })
      .catch((e: Error) => onError(`Could not copy the path: ${e.message}`));
  const copyButton = (
    <Button onClick={copy} data-testid="copy-path" title={path}>
      {copied ? 'Path copied' : 'Copy path'}
    </Button>
  );
  if (shell === 'web') {
    const url = mediaUrl({ kind: 'output', id: job.id });
    return (
      <>
        <a
          className="btn btn-secondary btn-md"
          href={url}
          target="_blank"
          rel="noreferrer"
          data-testid="open-tab"
        >
          Open in new tab
        </a>
        <a className="btn btn-secondary btn-md" href={url} download={baseName(path)} data-testid="download">
          Download
        </a>
        {copyButton}
      </>
    );
  }
  const reveal = (open: boolean) =>
    useBatchStore
      .getState()
      .revealJob(job.id, open)
      .then((r) => !r.ok && onError(REASONS[r.reason ?? 'failed']))
      .catch((e: Error) => onError(e.message));
  return (
    <>
      <Button onClick={() => reveal(true)}>Open file</Button>
      <Button onClick={() => reveal(false)}>Reveal in folder</Button>
      {copyButton}
    </>
  );
}
