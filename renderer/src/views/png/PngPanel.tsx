/**
 * "Re-run from a PNG": open (desktop dialog), type, drop or upload a PNG this studio wrote (or one with
 * an AUTOMATIC1111 `parameters` text); the panel shows what it records and offers "Open in composer"
 * and "Run again". The source image is filled in when the journal still has it unchanged; otherwise
 * the artist names one. A PNG that cannot be used shows main's message, never a blank panel.
 */
import { resolutionLabel } from '@shared/catalogue';
import type { PngRecordView } from '@shared/contract';
import { type DragEvent, useEffect, useState } from 'react';
import { Button } from '../../components/Button';
import { errorText } from '../../components/error-text';
import { useModalDialog } from '../../components/use-modal-dialog';
import { useNav } from '../../stores/nav-store';
import { usePng } from '../../stores/png-store';
import { pathsFromDrop } from '../composer/drop-paths';
import './png-panel.css';

function paletteText(p: PngRecordView['params']['palette']): string {
  if (!p) return 'none';
  return 'name' in p ? p.name : p.members.map((m) => `${m.color_hex}×${m.color_weight}`).join(', ');
}

function Record({ record }: { record: PngRecordView }) {
  const p = record.params;
  const rows: [string, string][] = [
    ['Prompt', p.prompt],
    ['Negative prompt', p.negativePrompt || '—'],
    ['Seed', p.seed === null ? '— (a new random seed)' : String(p.seed)],
    ['Style', p.style],
    [
      'Resolution',
      `${resolutionLabel(p.resolution)}${record.resolutionMatched ? ' (matched to its input)' : ''}`,
    ],
    ['Image weight', String(p.imageWeight)],
    ['Magic prompt', p.magicPrompt],
    ['Palette', paletteText(p.palette)],
    [
      'Source image',
      record.input
        ? `${record.input.name}${record.input.path ? ` — ${record.input.path}` : ' (not found here)'}`
        : '—',
    ],
    [
      'Made by',
      record.software ?? (record.source === 'a1111' ? 'an AUTOMATIC1111-style tool' : 'Sweep Studio'),
    ],
  ];
  if (record.parent) rows.push(['Batch', record.parent.name]);
  return (
    <>
      <dl className="detail-params png-params" data-testid="png-params">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {record.keyMatches !== null && (
        <p className={record.keyMatches ? 'ok small' : 'warn small'} data-testid="png-key">
          {record.keyMatches
            ? 'Running it again over this image repeats the very same job (same key: with dedupe, its output is reused).'
            : 'These parameters over this image give a different job than the one recorded.'}
        </p>
      )}
      {record.notes.length > 0 && (
        <ul className="png-notes small" data-testid="png-notes">
          {record.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </>
  );
}

export function PngPanel() {
  const { open, read, setOpen, readPath, readFile, pick, openInComposer, runAgain } = usePng();
  const ref = useModalDialog(open);
  const [path, setPath] = useState('');
  const [inputPath, setInputPath] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const record = read.status === 'done' ? read.record : null;
  useEffect(() => setInputPath(record?.input?.path ?? ''), [record]);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setNote(null);
    const dropped = pathsFromDrop(e.dataTransfer);
    const file = e.dataTransfer.files[0];
    if (dropped.paths[0]) void readPath(dropped.paths[0]);
    else if (file) void readFile(file);
  };
  const run = async () => {
    setBusy(true);
    setNote(null);
    try {
      const created = await runAgain(inputPath.trim());
      setOpen(false);
      useNav.getState().openBatch(created.batchId);
    } catch (error) {
      setNote(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={ref}
      className="dialog png-panel"
      data-testid="png-panel"
      onCancel={(e) => {
        e.preventDefault();
        setOpen(false);
      }}
      onDragOver={(e) => e.preventDefault()}
      onDrop={onDrop}
    >
      <h2>Re-run from a PNG</h2>
      <div className="dialog-body">
        <p className="muted small">
          Drop a PNG here, give its path, or choose one. Outputs of this studio carry every parameter; PNGs
          from AUTOMATIC1111-style tools are translated as well as they can be.
        </p>
        <div className="input-row">
          <input
            className="input mono"
            placeholder="/path/to/output.png"
            value={path}
            onChange={(e) => setPath(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && path.trim()) {
                e.preventDefault();
                void readPath(path.trim());
              }
            }}
            data-testid="png-path"
          />
          <Button onClick={() => path.trim() && void readPath(path.trim())} disabled={!path.trim()}>
            Read
          </Button>
          <Button
            onClick={() =>
              void pick().then(({ supported }) => {
                if (!supported)
                  setNote('The file dialog needs the desktop app: type the path, drop or upload the PNG.');
              })
            }
          >
            Choose…
          </Button>
          <label className="btn btn-secondary btn-md png-upload">
            Upload…
            <input
              type="file"
              accept="image/png"
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) void readFile(file);
                e.target.value = '';
              }}
              data-testid="png-upload"
            />
          </label>
        </div>
        {read.status === 'reading' && <p className="muted">Reading {read.name}…</p>}
        {read.status === 'error' && (
          <p className="error" role="alert" data-testid="png-error">
            {read.message}
          </p>
        )}
        {record && (
          <>
            <h3 className="png-file">{record.fileName}</h3>
            <Record record={record} />
            <label className="field-label" htmlFor="png-input">
              Source image for the re-run
            </label>
            <input
              id="png-input"
              className="input mono"
              placeholder="/path/to/the/source/image.jpg"
              value={inputPath}
              onChange={(e) => setInputPath(e.target.value)}
              data-testid="png-input"
            />
          </>
        )}
        {note && (
          <p className="note" role="status">
            {note}
          </p>
        )}
      </div>
      <div className="dialog-actions">
        <Button variant="ghost" onClick={() => setOpen(false)}>
          Close
        </Button>
        <Button
          disabled={!record || !inputPath.trim()}
          onClick={() => openInComposer(inputPath.trim())}
          data-testid="png-open-composer"
        >
          Open in composer
        </Button>
        <Button
          variant="primary"
          busy={busy}
          disabled={!record || !inputPath.trim()}
          onClick={() => void run()}
          data-testid="png-run"
        >
          Run again
        </Button>
      </div>
    </dialog>
  );
}
