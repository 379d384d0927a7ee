/**
 * The studio's version: sent in the User-Agent and written into every output's metadata. Kept in step
 * with package.json by a unit test (a JSON import would need import attributes that not every loader
 * on the path — Playwright's, electron-vite's — agrees on).
 */
export const STUDIO_VERSION = '0.1.0';
