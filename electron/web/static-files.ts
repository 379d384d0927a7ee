/**
 * Serves the built renderer (out/renderer) in web mode. Only files inside the root are served; the
 * page itself is public code, so it needs no token (the API and media routes do).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.avif': 'image/avif',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** Streams `pathname` from `root`, falling back to index.html for the app's own routes. */
export async function serveStatic(root: string, pathname: string, res: ServerResponse): Promise<void> {
  const relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
  const candidate = join(root, relative || 'index.html');
  if (candidate !== root && !candidate.startsWith(root + sep)) {
    res.writeHead(403).end('forbidden');
    return;
  }
  const file = (await isFile(candidate)) ? candidate : join(root, 'index.html');
  if (!(await isFile(file))) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('renderer not built: run npm start');
    return;
  }
  await serveFile(file, res, file.endsWith('index.html') ? 'no-store' : 'max-age=3600');
}

/** Streams one file with its MIME type; the caller has already decided it may be served. */
export async function serveFile(file: string, res: ServerResponse, cacheControl: string): Promise<void> {
  res.writeHead(200, {
    'content-type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'cache-control': cacheControl,
    'x-content-type-options': 'nosniff',
  });
  await new Promise<void>((resolve) => {
    const stream = createReadStream(file);
    stream.on('error', () => {
      res.destroy();
      resolve();
    });
    stream.on('end', resolve);
    stream.pipe(res);
  });
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
