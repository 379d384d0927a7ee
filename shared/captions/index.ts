/** Per-input captions: the `prompts.csv` reader and what a sidecar or a CSV row means. */
export * from './caption-table';
export * from './csv';
