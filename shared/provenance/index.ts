/** Where an image came from: reading a PNG's generation record (ours or A1111's) and re-running it. */
export * from './a1111-parameters';
export * from './generation-reading';
export * from './png-upload';
export * from './rerun-spec';
