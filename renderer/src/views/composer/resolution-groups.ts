/**
 * Groups the 78 resolutions by the familiar aspect ratio they are closest to. Exact reduced ratios
 * (17:12, 77:48…) give 73 groups of one, which helps nobody; the nearest familiar ratio (by log
 * distance, so 2:1 and 1:2 are treated alike) gives a dozen groups an artist recognises.
 */
import { RESOLUTIONS, type Resolution, resolutionSize } from '@shared/catalogue';

const FAMILIES: readonly [string, number][] = [
  ['3:1', 3],
  ['21:9', 21 / 9],
  ['2:1', 2],
  ['16:9', 16 / 9],
  ['3:2', 3 / 2],
  ['4:3', 4 / 3],
  ['5:4', 5 / 4],
  ['1:1', 1],
  ['4:5', 4 / 5],
  ['3:4', 3 / 4],
  ['2:3', 2 / 3],
  ['9:16', 9 / 16],
  ['1:2', 1 / 2],
  ['9:21', 9 / 21],
  ['1:3', 1 / 3],
];

export interface ResolutionGroup {
  label: string;
  ratio: number;
  resolutions: Resolution[];
}

function family(resolution: Resolution): [string, number] {
  const { width, height } = resolutionSize(resolution);
  const r = Math.log(width / height);
  let best = FAMILIES[0]!;
  for (const f of FAMILIES) if (Math.abs(Math.log(f[1]) - r) < Math.abs(Math.log(best[1]) - r)) best = f;
  return best;
}

/** Every resolution, grouped, widest group first; sizes inside a group by pixel count. */
export const RESOLUTION_GROUPS: readonly ResolutionGroup[] = (() => {
  const groups = new Map<string, ResolutionGroup>();
  for (const res of RESOLUTIONS) {
    const [label, ratio] = family(res);
    const group = groups.get(label) ?? { label, ratio, resolutions: [] };
    group.resolutions.push(res);
    groups.set(label, group);
  }
  const area = (r: Resolution) => resolutionSize(r).width * resolutionSize(r).height;
  for (const g of groups.values()) g.resolutions.sort((a, b) => area(a) - area(b));
  return [...groups.values()].sort((a, b) => b.ratio - a.ratio);
})();
