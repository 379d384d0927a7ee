/**
 * The composer's live preview: the local computation on every change (instant), and main's
 * `sweep:preview` debounced behind it (authoritative estimate, confirmation threshold, issues only main
 * can see). A main answer is used only while it still describes the form on screen.
 */

import type { SweepPreview } from '@shared/contract';
import { DEFAULT_USER_LIMIT } from '@shared/scheduling';
import { DEFAULT_NAMING_TEMPLATE } from '@shared/sweep';
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { useSettingsValue } from '../../stores/app-store';
import { buildSpec, type FormIssue } from '../../stores/composer-form';
import { useComposer } from '../../stores/composer-store';
import { computeLocalPreview, type LocalPreview } from './local-preview';

/** Debounce before asking main. Default 400 ms. */
const REMOTE_DEBOUNCE_MS = 400;
export interface SweepPreviewState extends LocalPreview {
  spec: Record<string, unknown>;
  /** Usable images of the last scan (the header probe's count); null while unknown. */
  imageCount: number | null;
  /** Images the scan found that cannot be used, left out of `imageCount`. */
  unusableCount: number;
  concurrency: number;
  /** Main's answer for exactly this form, when it has come back. */
  remote: SweepPreview | null;
}

/** The issue for `field` (exact, or an indexed/nested child such as `prompts[2]`), or null. */
export function issueFor(issues: FormIssue[], field: string): string | null {
  const hit = issues.find(
    (i) => i.field === field || i.field.startsWith(`${field}[`) || i.field.startsWith(`${field}.`),
  );
  return hit ? hit.message : null;
}

export function useSweepPreview(): SweepPreviewState {
  const form = useDeferredValue(useComposer((s) => s.form));
  const scan = useComposer((s) => s.scan);
  const settings = useSettingsValue();
  const template = settings?.template ?? DEFAULT_NAMING_TEMPLATE;
  const concurrency = settings?.defaultConcurrency ?? DEFAULT_USER_LIMIT;
  // Jobs and the estimate count only images that can be used (issue 11 §4).
  const imageCount = scan.status === 'done' ? scan.scan.usable : null;
  const unusableCount = scan.status === 'done' ? scan.scan.total - scan.scan.usable : 0;
  const captions = scan.status === 'done' ? scan.scan.captions : null;

  const spec = useMemo(() => buildSpec(form, template), [form, template]);
  const local = useMemo(
    () => computeLocalPreview(form, template, imageCount, concurrency, captions),
    [form, template, imageCount, concurrency, captions],
  );
  const key = JSON.stringify([spec, imageCount, concurrency]);
  const [remote, setRemote] = useState<{ key: string; value: SweepPreview } | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` captures spec, imageCount and concurrency.
  useEffect(() => {
    if (form.paths.length === 0) return;
    let live = true;
    const timer = setTimeout(() => {
      useComposer
        .getState()
        .previewSweep({ spec, concurrency, ...(imageCount === null ? {} : { imageCount }) })
        .then((value) => live && setRemote({ key, value }))
        .catch(() => live && setRemote(null));
    }, REMOTE_DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key]);

  const current = remote?.key === key ? remote.value : null;
  const issues = [...local.issues];
  for (const i of current?.issues ?? []) if (!issues.some((x) => x.field === i.field)) issues.push(i);
  // With wildcards, only main knows how many options each has: its counts, or none until it answers.
  const counts = local.wildcardsPending
    ? {
        axes: current?.ok ? current.axes : null,
        jobCount: current?.ok && imageCount !== null ? current.jobCount : null,
      }
    : {};
  return {
    ...local,
    ...counts,
    issues,
    estimate: current?.estimate || local.estimate,
    spec,
    imageCount,
    unusableCount,
    concurrency,
    remote: current,
  };
}
