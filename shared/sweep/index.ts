/** Sweep specification and expansion: spec schema, prompt permutations, seed syntax, count/expand, job keys, output names. */
export * from './axes';
export * from './captions';
export * from './expand';
export * from './job-key';
export * from './job-spec';
export * from './matrix-table';
export * from './naming-plan';
export * from './naming-template';
export * from './output-path';
export * from './path-safety';
export * from './prompt-permutations';
export * from './seed-syntax';
export * from './sweep-around';
export * from './sweep-order';
export * from './sweep-preview';
export * from './sweep-spec';
export * from './wildcards';
