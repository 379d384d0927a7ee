/**
 * Turns one generation (model, every parameter, input, batch, request) into the text that is embedded
 * in its output PNG: per-field text chunks for machines, and an AUTOMATIC1111-style `parameters` text
 * that image viewers, Civitai-style tools and "PNG info" readers already understand. Pure: no I/O.
 */
import { type IdeogramParams, resolutionSize } from '@shared/catalogue';

/** Everything worth remembering about one generated image. */
export interface GenerationRecord {
  /** Model slug, e.g. `MODEL_SLUG` ('ideogram-img-2-img'). */
  model: string;
  /** Every parameter sent to the API except the image bytes (defaults already applied). */
  params: Omit<IdeogramParams, 'image_file'>;
  /** Source image base name (no extension) and sha256 of its original bytes. */
  inputName: string;
  inputHash: string;
  batchId: string;
  /** Segmind request id, or null for a sync call that had none. */
  requestId: string | null;
  /** Server-reported inference time in seconds, when known. */
  inferenceTimeSec: number | null;
  /** The job's dedupe key, when the engine has one. */
  jobKey?: string;
  /** `match`: the sweep asked for the size nearest the input's shape, and `params.resolution` is it. */
  resolutionChoice?: 'match';
  /** Writer identification, e.g. 'Sweep Studio 0.1.0'. Default 'Sweep Studio'. */
  software?: string;
}

// A1111's own rule (generation_parameters_copypaste.quote): values with a comma, colon or newline are JSON-quoted.
function quote(value: string): string {
  return /[,:\n"]/.test(value) ? JSON.stringify(value) : value;
}

function paletteText(palette: IdeogramParams['color_palette']): string | null {
  if (!palette) return null;
  if ('name' in palette) return palette.name;
  return palette.members.map((m) => `${m.color_hex}@${m.color_weight}`).join(' ');
}

/**
 * Formats the record the way AUTOMATIC1111 writes its `parameters` chunk:
 * line 1 the prompt, then `Negative prompt: ...` when there is one, then one line of `Key: value` pairs.
 */
export function formatA1111Parameters(record: GenerationRecord): string {
  const p = record.params;
  const { width, height } = resolutionSize(p.resolution);
  const settings: [string, string | number | null | undefined][] = [
    ['Seed', p.seed],
    ['Size', `${width}x${height}`],
    ['Size chosen', record.resolutionChoice === 'match' ? 'match input' : null],
    ['Model', record.model],
    ['Style', p.style_type],
    ['Image weight', p.image_weight],
    ['Magic prompt', p.magic_prompt_option],
    ['Color palette', paletteText(p.color_palette)],
    ['Source', record.inputName],
    ['Source hash', record.inputHash.slice(0, 12)],
    ['Batch', record.batchId],
    ['Request id', record.requestId],
    ['Inference time', record.inferenceTimeSec == null ? null : `${record.inferenceTimeSec}s`],
    ['Version', record.software ?? 'Sweep Studio'],
  ];
  const line = settings
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${k}: ${quote(String(v))}`)
    .join(', ');
  const lines = [p.prompt];
  if (p.negative_prompt) lines.push(`Negative prompt: ${p.negative_prompt}`);
  lines.push(line);
  return lines.join('\n');
}

/**
 * The per-field text chunks for `writeOutput({ metadata })`: one keyword per parameter plus the input,
 * batch and request facts, and `generation` holding the whole record as JSON for lossless reading.
 * Absent optional values are omitted rather than written as empty text.
 */
export function generationTextChunks(record: GenerationRecord): Record<string, string> {
  const p = record.params;
  const chunks: Record<string, string | undefined> = {
    Software: record.software ?? 'Sweep Studio',
    model: record.model,
    prompt: p.prompt,
    negative_prompt: p.negative_prompt,
    seed: p.seed === undefined ? undefined : String(p.seed),
    style_type: p.style_type,
    resolution: p.resolution,
    resolution_choice: record.resolutionChoice,
    image_weight: String(p.image_weight),
    magic_prompt_option: p.magic_prompt_option,
    color_palette: p.color_palette ? JSON.stringify(p.color_palette) : undefined,
    input_name: record.inputName,
    input_hash: record.inputHash,
    batch_id: record.batchId,
    request_id: record.requestId ?? undefined,
    inference_time: record.inferenceTimeSec == null ? undefined : String(record.inferenceTimeSec),
    job_key: record.jobKey,
    generation: JSON.stringify(record),
  };
  return Object.fromEntries(Object.entries(chunks).filter((e): e is [string, string] => e[1] !== undefined));
}
