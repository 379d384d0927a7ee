/** The renderer <-> main contract and the client factory both bridges use. */
export * from './api';
export * from './client-factory';
export * from './contract-kit';
export * from './errors';
export * from './media-path';
export * from './menu';
export * from './views';
