/** The Segmind API client: create one per API key and base URL; see client.ts. */
export * from './client';
export { isSegmindError, SegmindError, type SegmindErrorKind } from './errors';
