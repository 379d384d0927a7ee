/**
 * What the last scan found: count (and how many cannot be used), problems, a tile per image (preview,
 * name, folder, size; unusable ones dimmed with their reason) and the list of unusable images.
 */
import { mediaUrl } from '../../api/media-url';
import { EmptyState } from '../../components/EmptyState';
import { formatBytes } from '../../components/format-bytes';
import { Loading } from '../../components/Spinner';
import { useComposer } from '../../stores/composer-store';
import { CaptionSummary } from './CaptionSummary';
import { UnusableImages } from './UnusableImages';

/** Tiles drawn; the count above them is always complete. */
const TILES_SHOWN = 60;

/** A stable hue per name so tiles are easy to tell apart at a glance. */
function hueOf(name: string): number {
  let h = 0;
  for (const c of name) h = (h * 31 + c.charCodeAt(0)) % 360;
  return h;
}

export function ScanResults() {
  const scan = useComposer((s) => s.scan);
  if (scan.status === 'idle') return null;
  if (scan.status === 'scanning') return <Loading text="Looking for images…" />;
  if (scan.status === 'error')
    return (
      <EmptyState tone="error" title="Could not read those paths">
        {scan.message}
      </EmptyState>
    );
  const { images, total, problems } = scan.scan;
  const unusable = new Map(scan.scan.unusable.map((u) => [u.path, u.message]));
  const unusableCount = total - scan.scan.usable;
  return (
    <div className="scan" data-testid="scan-results">
      <p className="scan-count">
        <strong data-testid="scan-count">{total.toLocaleString('en-US')}</strong> image
        {total === 1 ? '' : 's'} found
        {unusableCount > 0 && (
          <span className="warn" data-testid="scan-unusable">
            , {unusableCount.toLocaleString('en-US')} unusable
          </span>
        )}
        {total > images.length && <span className="muted"> · showing the first {images.length}</span>}
        {problems.length > 0 && <span className="warn"> · {problems.length} skipped</span>}
      </p>
      <CaptionSummary scan={scan.scan} />
      {total === 0 && problems.length === 0 && (
        <p className="muted">No images there. Check the path, or turn on “Include sub-folders”.</p>
      )}
      {images.length > 0 && (
        <ul className="tiles">
          {images.slice(0, TILES_SHOWN).map((img) => (
            <li
              key={img.path}
              className={unusable.has(img.path) ? 'tile tile-unusable' : 'tile'}
              title={unusable.get(img.path) ?? img.path}
            >
              <span className="tile-art" style={{ ['--hue' as string]: hueOf(img.name) }} aria-hidden>
                {img.name.slice(0, 1).toUpperCase()}
                <img
                  className="tile-preview"
                  src={mediaUrl({ kind: 'scan-thumb', id: img.thumbId })}
                  alt=""
                  loading="lazy"
                  onError={(e) => {
                    e.currentTarget.style.display = 'none';
                  }}
                />
              </span>
              <span className="tile-name">{img.name}</span>
              <span className="tile-meta">
                {img.relPath.includes('/') ? `${img.relPath.slice(0, img.relPath.lastIndexOf('/'))} · ` : ''}
                {formatBytes(img.sizeBytes)}
              </span>
            </li>
          ))}
          {images.length > TILES_SHOWN && (
            <li className="tile tile-more">+{images.length - TILES_SHOWN} more</li>
          )}
        </ul>
      )}
      <UnusableImages scan={scan.scan} />
      {problems.length > 0 && (
        <details className="problems">
          <summary>{problems.length} file(s) will be skipped</summary>
          <ul>
            {problems.slice(0, 50).map((p) => (
              <li key={p.path}>
                <span className="mono">{p.path}</span> — {p.message} <span className="muted">({p.code})</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
