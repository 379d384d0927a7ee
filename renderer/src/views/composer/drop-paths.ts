/**
 * Paths from a drag-and-drop. Browsers never reveal where a dropped File lives, and Electron removed
 * `File.path` in v32 (its replacement, `webUtils.getPathForFile`, would have to be exposed by the
 * preload). What does carry paths on Linux file managers (and some others) is the `text/uri-list` of
 * the drag: `file:///…` URLs. This reads those, and reports how many items came without a path.
 */

export interface DroppedPaths {
  paths: string[];
  /** Items dropped whose path the page could not learn. */
  withoutPath: number;
}

function fileUrlToPath(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'file:') return null;
    const path = decodeURIComponent(u.pathname);
    // file://server/share/x -> //server/share/x (a network share, never the local /share/x)
    if (u.hostname && u.hostname !== 'localhost') return `//${u.hostname}${path}`;
    // file:///C:/x -> C:/x on Windows
    return /^\/[A-Za-z]:\//.test(path) ? path.slice(1) : path;
  } catch {
    return null;
  }
}

/** Reads what paths a drop carries. */
export function pathsFromDrop(data: DataTransfer): DroppedPaths {
  const uris = data
    .getData('text/uri-list')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const paths = uris.map(fileUrlToPath).filter((p): p is string => p !== null);
  if (paths.length === 0) {
    const text = data.getData('text/plain').trim();
    for (const line of text.split(/\r?\n/)) {
      const p = line.trim();
      if (p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('~')) paths.push(p);
      else if (p.startsWith('file://')) {
        const fromUrl = fileUrlToPath(p);
        if (fromUrl) paths.push(fromUrl);
      }
    }
  }
  const items = data.files.length || data.items.length;
  return { paths, withoutPath: paths.length ? 0 : items };
}
