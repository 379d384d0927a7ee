/** Pure scheduling decisions the engine calls: job/batch states, concurrency, fairness, errors, ETA. */
export * from './batch-pace';
export * from './batch-words';
export * from './concurrency-controller';
export * from './concurrency-limits';
export * from './error-policy';
export * from './eta';
export * from './fair-picker';
export * from './halt-gate';
export * from './job-states';
export * from './slot-history';
export * from './sweep-duration';
