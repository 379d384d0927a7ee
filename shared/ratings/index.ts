/** Picks, rejects and stars: the rating vocabulary, filters, key decisions and the export manifest. */
export * from './manifest';
export * from './rating';
