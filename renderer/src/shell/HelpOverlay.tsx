/** The keyboard shortcut overlay (`?`): the shell's global keys plus every section views registered. */
import { useModalDialog } from '../components/use-modal-dialog';
import { type Shortcut, useShortcutSections } from './shortcut-registry';

function Keys({ shortcut }: { shortcut: Shortcut }) {
  const sep = shortcut.join === 'then' ? ' then ' : ' + ';
  return (
    <span className="keys">
      {shortcut.keys.map((k, i) => (
        <span key={k + String(i)}>
          {i > 0 && <span className="keys-sep">{sep}</span>}
          <kbd>{k}</kbd>
        </span>
      ))}
    </span>
  );
}

export function HelpOverlay({ open, onClose }: { open: boolean; onClose: () => void }) {
  const sections = useShortcutSections();
  const ref = useModalDialog(open);
  return (
    <dialog
      ref={ref}
      className="dialog help-overlay"
      aria-label="Keyboard shortcuts"
      data-testid="help-overlay"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => e.target === ref.current && onClose()}
      onKeyDown={(e) => e.key === '?' && onClose()}
    >
      <div className="help-head">
        <h2>Keyboard shortcuts</h2>
        <button type="button" className="btn btn-ghost btn-sm" onClick={onClose}>
          Close <kbd className="btn-kbd">Esc</kbd>
        </button>
      </div>
      <div className="help-sections">
        {Object.entries(sections)
          .sort(([, a], [, b]) => Number(b.active) - Number(a.active))
          .map(([section, { shortcuts, active }]) => (
            <section key={section} className={active ? undefined : 'help-inactive'}>
              <h3>
                {section}
                {!active && <span className="muted"> · in its view</span>}
              </h3>
              <dl>
                {shortcuts.map((s) => (
                  <div key={s.what} className="help-row">
                    <dt>
                      <Keys shortcut={s} />
                    </dt>
                    <dd>{s.what}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
      </div>
    </dialog>
  );
}
