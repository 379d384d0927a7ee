/** The studio's version, written into every output's metadata and sent in the User-Agent. */
export const STUDIO_VERSION = '0.1.0';
