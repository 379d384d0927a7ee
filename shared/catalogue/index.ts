/** The Ideogram img2img parameter catalogue: allowed values and the request schema. */

export * from './input-shape';
export * from './palette-colours';
export * from './params';
export * from './resolution-match';
export * from './resolutions';
