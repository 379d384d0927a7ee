/**
 * The ways one input image can be unusable, and how a low-level error (errno or a libvips message)
 * maps onto them. Each problem fails only that input's jobs; its message names the file and the cause
 * in words an artist can act on.
 */

export type InputProblemCode =
  | 'missing'
  | 'unreadable'
  | 'empty'
  | 'not_an_image'
  | 'unsupported'
  | 'corrupt'
  | 'animated'
  | 'too_large'
  /** A named pipe, socket or device: refused from its stat, never opened. */
  | 'not_regular_file'
  /** Wider or taller than any output size can use (see shared/catalogue/input-shape.ts). */
  | 'extreme_aspect'
  /** A short side under the minimum (see shared/catalogue/input-shape.ts). */
  | 'too_small';

export interface InputProblem {
  ok: false;
  /** Absolute path of the input. */
  path: string;
  code: InputProblemCode;
  /** Names the file and the cause, e.g. `"cat.png" is not an image (the bytes are not JPEG, PNG, …)`. */
  message: string;
}

export function inputProblem(
  filePath: string,
  label: string,
  code: InputProblemCode,
  cause: string,
): InputProblem {
  return { ok: false, path: filePath, code, message: `"${label}" ${cause}` };
}

/** Maps a failed open/read (errno) onto a problem. */
export function readProblem(filePath: string, label: string, error: NodeJS.ErrnoException): InputProblem {
  switch (error.code) {
    case 'ENOENT':
      return inputProblem(filePath, label, 'missing', 'does not exist (moved, deleted, or a dangling link)');
    case 'EISDIR':
      return inputProblem(filePath, label, 'unreadable', 'is a folder, not an image file');
    case 'EACCES':
    case 'EPERM':
      return inputProblem(filePath, label, 'unreadable', 'cannot be read: permission denied');
    case 'ELOOP':
      return inputProblem(filePath, label, 'unreadable', 'cannot be read: symbolic link loop');
    default:
      return inputProblem(filePath, label, 'unreadable', `cannot be read (${error.code ?? error.message})`);
  }
}

/** Maps a sharp/libvips failure onto a problem; unknown failures count as a corrupt file. */
export function decodeProblem(filePath: string, label: string, error: Error): InputProblem {
  const text = error.message;
  if (/unsupported image format/i.test(text)) {
    return inputProblem(
      filePath,
      label,
      'not_an_image',
      'is not an image (its bytes are not JPEG, PNG, WebP, GIF, TIFF or AVIF)',
    );
  }
  if (/pixel limit/i.test(text)) {
    return inputProblem(
      filePath,
      label,
      'too_large',
      'has too many pixels to decode safely (decompression-bomb limit)',
    );
  }
  if (/compression format has not been built in|heif: Unsupported/i.test(text)) {
    return inputProblem(
      filePath,
      label,
      'unsupported',
      // libvips repeats low-level seek errors before the real cause; the last line is the one to show.
      `uses an image encoding this build cannot decode (${lastLine(text)}); convert it to JPEG or PNG`,
    );
  }
  const detail = text.replace(/\s+/g, ' ').trim();
  if (/premature end|truncated|read error|unexpected end/i.test(text)) {
    return inputProblem(filePath, label, 'corrupt', `is truncated or damaged (${detail})`);
  }
  return inputProblem(filePath, label, 'corrupt', `could not be decoded (${detail})`);
}

function lastLine(text: string): string {
  const lines = text
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  return lines[lines.length - 1] ?? text.trim();
}
