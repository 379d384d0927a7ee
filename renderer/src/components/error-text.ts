/** Turns anything a contract call rejects with into one line for the UI (StudioApiError keeps its code). */
import { StudioApiError } from '@shared/contract';

/** The error's message (contract errors carry a human message already), String() for non-errors. */
export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** The contract error code, or null for non-contract errors. */
export function errorCode(error: unknown): string | null {
  return error instanceof StudioApiError ? error.code : null;
}
