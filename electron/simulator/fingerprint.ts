/**
 * The identity of a generation request: sha256 of the canonical JSON (keys sorted at every level) of
 * the validated params. Two submits of identical params share a fingerprint, which is how the stats
 * expose duplicate (paid twice) submits and how latency and job faults stay deterministic.
 */
import { createHash } from 'node:crypto';
import type { IdeogramParams } from '@shared/catalogue';

/** JSON with object keys sorted recursively, so key order in the request body does not matter. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Hex sha256 of the canonical params. */
export function paramsFingerprint(params: IdeogramParams): string {
  return createHash('sha256').update(canonicalJson(params)).digest('hex');
}
