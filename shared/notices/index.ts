/** What to tell the artist about batches, shared by the desktop shell and web mode. */
export * from './batch-end';
