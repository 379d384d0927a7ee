/**
 * The 78 output resolutions Segmind's ideogram-img-2-img accepts, verbatim from the API notes
 * (../shared/segmind-api.md), in the order listed there. Read as RESOLUTION_<W>_<H>.
 */
export const RESOLUTIONS = [
  'RESOLUTION_1024_640',
  'RESOLUTION_1024_768',
  'RESOLUTION_1024_832',
  'RESOLUTION_1024_896',
  'RESOLUTION_1024_960',
  'RESOLUTION_1024_1024',
  'RESOLUTION_1088_768',
  'RESOLUTION_1088_832',
  'RESOLUTION_1088_896',
  'RESOLUTION_1088_960',
  'RESOLUTION_1120_896',
  'RESOLUTION_1152_704',
  'RESOLUTION_1152_768',
  'RESOLUTION_1152_832',
  'RESOLUTION_1152_864',
  'RESOLUTION_1152_896',
  'RESOLUTION_1216_704',
  'RESOLUTION_1216_768',
  'RESOLUTION_1216_832',
  'RESOLUTION_1232_768',
  'RESOLUTION_1248_832',
  'RESOLUTION_1280_704',
  'RESOLUTION_1280_720',
  'RESOLUTION_1280_768',
  'RESOLUTION_1280_800',
  'RESOLUTION_1312_736',
  'RESOLUTION_1344_640',
  'RESOLUTION_1344_704',
  'RESOLUTION_1344_768',
  'RESOLUTION_1408_576',
  'RESOLUTION_1408_640',
  'RESOLUTION_1408_704',
  'RESOLUTION_1472_576',
  'RESOLUTION_1472_640',
  'RESOLUTION_1472_704',
  'RESOLUTION_1536_512',
  'RESOLUTION_1536_576',
  'RESOLUTION_1536_640',
  'RESOLUTION_512_1536',
  'RESOLUTION_576_1408',
  'RESOLUTION_576_1472',
  'RESOLUTION_576_1536',
  'RESOLUTION_640_1024',
  'RESOLUTION_640_1344',
  'RESOLUTION_640_1408',
  'RESOLUTION_640_1472',
  'RESOLUTION_640_1536',
  'RESOLUTION_704_1152',
  'RESOLUTION_704_1216',
  'RESOLUTION_704_1280',
  'RESOLUTION_704_1344',
  'RESOLUTION_704_1408',
  'RESOLUTION_704_1472',
  'RESOLUTION_720_1280',
  'RESOLUTION_736_1312',
  'RESOLUTION_768_1024',
  'RESOLUTION_768_1088',
  'RESOLUTION_768_1152',
  'RESOLUTION_768_1216',
  'RESOLUTION_768_1232',
  'RESOLUTION_768_1280',
  'RESOLUTION_768_1344',
  'RESOLUTION_832_960',
  'RESOLUTION_832_1024',
  'RESOLUTION_832_1088',
  'RESOLUTION_832_1152',
  'RESOLUTION_832_1216',
  'RESOLUTION_832_1248',
  'RESOLUTION_864_1152',
  'RESOLUTION_896_960',
  'RESOLUTION_896_1024',
  'RESOLUTION_896_1088',
  'RESOLUTION_896_1120',
  'RESOLUTION_896_1152',
  'RESOLUTION_960_832',
  'RESOLUTION_960_896',
  'RESOLUTION_960_1024',
  'RESOLUTION_960_1088',
] as const;

export type Resolution = (typeof RESOLUTIONS)[number];

export const DEFAULT_RESOLUTION: Resolution = 'RESOLUTION_1024_1024';

export interface ResolutionSize {
  width: number;
  height: number;
}

const RESOLUTION_SET: ReadonlySet<string> = new Set(RESOLUTIONS);

/** True when `value` is one of the 78 accepted resolution names. */
export function isResolution(value: unknown): value is Resolution {
  return typeof value === 'string' && RESOLUTION_SET.has(value);
}

/** Pixel size of a resolution name (`RESOLUTION_1280_720` -> 1280 x 720). */
export function resolutionSize(resolution: Resolution): ResolutionSize {
  const [, w, h] = resolution.split('_');
  return { width: Number(w), height: Number(h) };
}

/** Reduced aspect ratio label, e.g. `16:9`, used to group resolutions in the UI. */
export function resolutionAspect(resolution: Resolution): string {
  const { width, height } = resolutionSize(resolution);
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const d = gcd(width, height);
  return `${width / d}:${height / d}`;
}

/** Short label for names and UI: `RESOLUTION_1280_720` -> `1280x720`. */
export function resolutionLabel(resolution: Resolution): string {
  const { width, height } = resolutionSize(resolution);
  return `${width}x${height}`;
}
