/** Sweep specification and expansion: spec schema, prompt permutations, seed syntax, count/expand, job keys, output names. */
export * from './expand';
export * from './job-key';
export * from './job-spec';
export * from './naming-plan';
export * from './naming-template';
export * from './output-path';
export * from './path-safety';
export * from './prompt-permutations';
export * from './seed-syntax';
export * from './sweep-spec';
