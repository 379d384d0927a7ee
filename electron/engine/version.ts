/** The studio's version (see shared/version.ts). */
export { STUDIO_VERSION } from '@shared/version';
