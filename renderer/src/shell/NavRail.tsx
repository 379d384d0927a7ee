/**
 * The left navigation rail: one entry per view, the current one highlighted, `g <key>` hints. The views
 * are one Tab stop (the current view), the arrow keys move between them, as in a toolbar.
 */
import { useRovingFocus } from '../components/use-roving-focus';
import { useNav } from '../stores/nav-store';
import { ViewIcon } from './icons';
import { VIEWS } from './view-list';

export function NavRail({ onHelp }: { onHelp: () => void }) {
  const view = useNav((s) => s.view);
  const go = useNav((s) => s.go);
  const roving = useRovingFocus(VIEWS.map((v) => ({ key: v.name, selected: v.name === view })));
  return (
    <nav className="rail" aria-label="Views">
      <div className="rail-logo" title="Sweep Studio">
        <span className="logo-mark" aria-hidden />
        <span className="rail-title">Sweep Studio</span>
      </div>
      <ul {...roving.containerProps}>
        {VIEWS.map((v) => (
          <li key={v.name}>
            <button
              type="button"
              className={`rail-item${view === v.name ? ' rail-item-on' : ''}`}
              aria-current={view === v.name ? 'page' : undefined}
              onClick={() => go(v.name)}
              data-testid={`nav-${v.name}`}
              title={`${v.label} (g then ${v.key}; arrow keys move between views)`}
              {...roving.itemProps(v.name)}
            >
              <ViewIcon view={v.name} />
              <span className="rail-label">{v.label}</span>
              <kbd className="rail-kbd">g {v.key}</kbd>
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="rail-help" onClick={onHelp} title="Keyboard shortcuts (?)">
        <kbd>?</kbd> Shortcuts
      </button>
    </nav>
  );
}
