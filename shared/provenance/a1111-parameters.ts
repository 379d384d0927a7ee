/**
 * Reads the AUTOMATIC1111 `parameters` text that Stable Diffusion tools (A1111, Forge, SD.Next,
 * Fooocus, Civitai) and this studio write into PNGs: the prompt lines, an optional
 * `Negative prompt: ...` part, and a last line of `Key: value` pairs such as
 * `Steps: 20, Sampler: Euler a, CFG scale: 7, Seed: 123, Size: 512x512, Model hash: abc`.
 * Follows A1111's own reader (`parse_generation_parameters`): the last line counts as settings only
 * when it holds at least 3 pairs, and a value in double quotes is JSON (it may hold commas).
 */

export interface A1111Parameters {
  prompt: string;
  negativePrompt: string;
  /** Settings in written order; keys as written (`CFG scale`), values unquoted. */
  settings: Map<string, string>;
}

// A1111's re_param: a key of word characters and spaces, then a quoted value or anything up to a comma.
const PARAM = /\s*([\w ]+):\s*("(?:\\.|[^\\"])+"|[^,]*)(?:,|$)/gu;

function unquote(value: string): string {
  const v = value.trim();
  if (!(v.startsWith('"') && v.endsWith('"') && v.length >= 2)) return v;
  try {
    const parsed: unknown = JSON.parse(v);
    return typeof parsed === 'string' ? parsed : v;
  } catch {
    return v; // not valid JSON after all: keep the text as written, quotes included
  }
}

function pairs(line: string): [string, string][] {
  const out: [string, string][] = [];
  for (const m of line.matchAll(PARAM)) {
    const key = m[1]!.trim();
    if (key) out.push([key, unquote(m[2] ?? '')]);
  }
  return out;
}

const NEGATIVE = 'Negative prompt:';

/** Splits an A1111 `parameters` text into prompt, negative prompt and settings. Never throws. */
export function parseA1111Parameters(text: string): A1111Parameters {
  const lines = text.trim().split(/\r?\n/);
  let last = lines.pop() ?? '';
  if (pairs(last).length < 3) {
    lines.push(last);
    last = '';
  }
  let prompt = '';
  let negative = '';
  let inNegative = false;
  for (let line of lines) {
    line = line.trim();
    if (line.startsWith(NEGATIVE)) {
      inNegative = true;
      line = line.slice(NEGATIVE.length).trim();
    }
    if (inNegative) negative += (negative === '' ? '' : '\n') + line;
    else prompt += (prompt === '' ? '' : '\n') + line;
  }
  return { prompt, negativePrompt: negative, settings: new Map(pairs(last)) };
}
