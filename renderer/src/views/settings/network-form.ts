/**
 * The network card's form state: the request budget as a choice (discover, a plan preset, or a custom
 * number) and the outage limit (wait for ever, or fail after N minutes), and their mapping to and from
 * the settings (`requestsPerMinute`, `offlineFailAfterMin`). Pure, tested without a browser.
 */
import { RPM_MAX, RPM_MIN, RPM_PRESETS } from '@shared/scheduling/request-budget';

export interface NetworkForm {
  /** 'discover', 'custom', or a preset's requests per minute as text. */
  budget: string;
  custom: string;
  /** Fail after `minutes` when true; wait for ever when false. */
  failAfter: boolean;
  minutes: string;
}

export function formFrom(settings: {
  requestsPerMinute: number | null;
  offlineFailAfterMin: number | null;
}): NetworkForm {
  const rpm = settings.requestsPerMinute;
  const preset = RPM_PRESETS.some((p) => p.perMinute === rpm);
  return {
    budget: rpm === null ? 'discover' : preset ? String(rpm) : 'custom',
    custom: rpm === null || preset ? '' : String(rpm),
    failAfter: settings.offlineFailAfterMin !== null,
    minutes: String(settings.offlineFailAfterMin ?? 30),
  };
}

export type NetworkPatch = { requestsPerMinute: number | null; offlineFailAfterMin: number | null };

/** The settings patch for a form, or the first problem in words with the field it is about. */
export function patchFrom(
  form: NetworkForm,
): { ok: true; patch: NetworkPatch } | { ok: false; field: 'rpm' | 'minutes'; error: string } {
  let rpm: number | null = null;
  if (form.budget === 'custom') {
    rpm = Number(form.custom.replaceAll(',', '').trim());
    if (!Number.isInteger(rpm) || rpm < RPM_MIN || rpm > RPM_MAX)
      return {
        ok: false,
        field: 'rpm',
        error: `Requests per minute: a whole number from ${RPM_MIN} to ${RPM_MAX.toLocaleString('en-US')}`,
      };
  } else if (form.budget !== 'discover') {
    rpm = Number(form.budget);
  }
  let minutes: number | null = null;
  if (form.failAfter) {
    minutes = Number(form.minutes.trim());
    if (!Number.isFinite(minutes) || minutes < 1 || minutes > 10_080)
      return {
        ok: false,
        field: 'minutes',
        error: 'Fail after: a number of minutes from 1 to 10,080 (a week)',
      };
  }
  return { ok: true, patch: { requestsPerMinute: rpm, offlineFailAfterMin: minutes } };
}
