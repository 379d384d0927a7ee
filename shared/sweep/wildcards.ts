/**
 * Wildcards: `__name__` in a prompt stands for every line of the file `name.txt` in a wildcards folder,
 * exactly as if the lines had been written as `{line 1|line 2|…}` (so counts multiply). This module is
 * the pure half: recognising `__name__` in a template, listing the names a template uses, and reading
 * a wildcard file's text into its options. Finding and reading the files is the edge's job
 * (electron/inputs); what was read travels with the spec as `wildcards` so a batch can always be
 * recounted from what it stored.
 *
 * A name is letters, digits, `_` and `-`, with `/` for sub-folders (`__colours/warm__` reads
 * `colours/warm.txt`); it starts and ends with a letter or digit. `\_` writes an underscore that can
 * never start or end a wildcard.
 */

/** name -> options, one per line of its file (what `parseWildcardFile` returns). */
export type WildcardTable = Readonly<Record<string, readonly string[]>>;

/** Most options one wildcard may have (a wildcard is an axis; more is surely a mistake). */
export const MAX_WILDCARD_OPTIONS = 10_000;

const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?(?:\/[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?)*$/;

/** True when `name` may name a wildcard (and so a file under the wildcards folder, never outside it). */
export function isWildcardName(name: string): boolean {
  return name.length <= 200 && NAME.test(name);
}

/**
 * If `chars[i]` starts a wildcard `__name__`, its name and the index just past it; else null. The
 * shortest name that is followed by `__` wins, so `__a__ and __b__` are two wildcards.
 */
export function wildcardAt(chars: readonly string[], i: number): { name: string; end: number } | null {
  if (chars[i] !== '_' || chars[i + 1] !== '_') return null;
  let name = '';
  for (let k = i + 2; k < chars.length; k++) {
    const c = chars[k]!;
    if (c === '_' && chars[k + 1] === '_' && name !== '') {
      return isWildcardName(name) ? { name, end: k + 2 } : null;
    }
    if (!/[A-Za-z0-9_/-]/.test(c)) return null;
    name += c;
  }
  return null;
}

/** The wildcard names a prompt template uses, first occurrence first (escaped `\_` never counts). */
export function wildcardNames(template: string): string[] {
  const chars = Array.from(template);
  const names: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] === '\\' && chars[i + 1] !== undefined) {
      i++;
      continue;
    }
    const hit = wildcardAt(chars, i);
    if (!hit) continue;
    if (!names.includes(hit.name)) names.push(hit.name);
    i = hit.end - 1;
  }
  return names;
}

/**
 * A wildcard file's options: one per line, trimmed; blank lines and lines starting with `#` (comments,
 * as in Dynamic Prompts) are skipped; a repeated line counts once. Lines are literal text: braces,
 * bars and underscores in them mean themselves.
 */
export function parseWildcardFile(text: string): string[] {
  const out = new Set<string>();
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/)) {
    const line = raw.trim();
    if (line !== '' && !line.startsWith('#')) out.add(line);
  }
  return [...out];
}
