/**
 * Inputs: paths typed, picked (Electron's native picker) or dropped; the recursive toggle; and what
 * the scan found — names, sizes and the count. Originals are not served before a batch imports them
 * (media is addressed by id), so un-imported images show as lettered tiles rather than thumbnails.
 */
import { type DragEvent, useEffect, useState } from 'react';
import { Button } from '../../components/Button';
import { errorText } from '../../components/error-text';
import { Field } from '../../components/Field';
import { Spinner } from '../../components/Spinner';
import { Toggle } from '../../components/Toggle';
import { useComposer } from '../../stores/composer-store';
import { pathsFromDrop } from './drop-paths';
import { ScanResults } from './ScanResults';

/** Wait this long after the last path change before scanning. Default 350 ms. */
const SCAN_DEBOUNCE_MS = 350;

const isElectron = () => Boolean(window.studioTransport);

export function InputsSection({ error }: { error: string | null }) {
  const paths = useComposer((s) => s.form.paths);
  const recursive = useComposer((s) => s.form.recursive);
  const { addPaths, removePath, set, rescan } = useComposer.getState();
  const [draft, setDraft] = useState('');
  const [pickSupported, setPickSupported] = useState<boolean | null>(isElectron() ? true : null);
  const [note, setNote] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: rescan reads the store; paths/recursive are the triggers.
  useEffect(() => {
    const timer = setTimeout(() => void rescan(), SCAN_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [paths, recursive]);

  const commitDraft = () => {
    const parts = draft
      .split(/\r?\n/)
      .map((p) => p.trim())
      .filter(Boolean);
    if (parts.length) addPaths(parts);
    setDraft('');
    setNote(null);
  };

  const browse = async () => {
    setNote(null);
    try {
      const { supported } = await useComposer.getState().pickInputFolders();
      setPickSupported(supported);
      if (!supported) setNote('The folder picker needs the desktop app. In web mode, type or paste a path.');
    } catch (err) {
      setNote(`Could not open the folder picker: ${errorText(err)}`);
    }
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const dropped = pathsFromDrop(e.dataTransfer);
    if (dropped.paths.length) {
      addPaths(dropped.paths);
      setNote(null);
    } else if (dropped.withoutPath) {
      setNote(
        isElectron()
          ? `Dropped ${dropped.withoutPath} item(s), but this Electron version hides where dropped files live. Use Browse… or type the folder path.`
          : `Dropped ${dropped.withoutPath} item(s), but a browser never tells a page where dropped files live. In web mode, type or paste the folder path (the studio reads it on its own machine).`,
      );
    }
  };

  return (
    <section
      className={`card composer-card drop-zone${dragging ? ' drop-zone-on' : ''}`}
      aria-labelledby="inputs-title"
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      data-testid="composer-inputs"
    >
      <div className="card-head">
        <h2 id="inputs-title">Input images</h2>
        <Toggle
          checked={recursive}
          onChange={(v) => set('recursive', v)}
          label="Include sub-folders"
          testId="composer-recursive"
        />
      </div>
      <Field
        label="Folder or image path"
        error={error}
        onLeave={() => useComposer.getState().touch('inputs')}
        hint="Press Enter to add. Drop folders here, too (desktop file managers pass their paths)."
      >
        {({ id, describedBy, invalid }) => (
          <div className="input-row">
            <input
              id={id}
              className="input mono"
              placeholder="/path/to/images"
              value={draft}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(e) => setDraft(e.target.value)}
              onKeyDown={(e) => {
                if (e.key !== 'Enter') return;
                e.preventDefault();
                commitDraft();
              }}
              onBlur={() => draft.trim() && commitDraft()}
              data-testid="composer-path"
            />
            <Button onClick={commitDraft} disabled={!draft.trim()}>
              Add
            </Button>
            <span
              title={
                pickSupported === false ? 'The native folder picker is only in the desktop app' : undefined
              }
            >
              <Button onClick={browse} disabled={pickSupported === false}>
                Browse…
              </Button>
            </span>
          </div>
        )}
      </Field>
      {note && (
        <p className="note" role="status">
          {note}
        </p>
      )}
      {paths.length > 0 && (
        <ul className="path-list">
          {paths.map((p) => (
            <li key={p} className="path-chip">
              <span className="mono">{p}</span>
              <button
                type="button"
                className="icon-btn"
                onClick={() => removePath(p)}
                aria-label={`Remove ${p}`}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <ScanResults />
      {dragging && (
        <div className="drop-hint" aria-hidden>
          <Spinner size={14} /> Drop to add
        </div>
      )}
    </section>
  );
}
