/**
 * The `studio-media://` protocol: serves originals, outputs, thumbnails and exports to the sandboxed
 * renderer by id (see shared/contract/media-path.ts). The service resolves ids to files inside their
 * allowed roots; anything else gets 400/404, so `..`, absolute paths and symlinks out are refused.
 */
import { pathToFileURL } from 'node:url';
import { MEDIA_SCHEME, parseMediaPath } from '@shared/contract';
import { net, protocol } from 'electron';
import type { StudioService } from '../service/studio-service';

/** Must run before app `ready`. */
export function registerMediaScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function handleMediaProtocol(service: StudioService): void {
  protocol.handle(MEDIA_SCHEME, async (request) => {
    const ref = parseMediaPath(new URL(request.url).pathname);
    if (!ref) return new Response('bad media path', { status: 400 });
    const file = await service.resolveMedia(ref);
    if (!file) return new Response('no such media', { status: 404 });
    return net.fetch(pathToFileURL(file).toString());
  });
}
