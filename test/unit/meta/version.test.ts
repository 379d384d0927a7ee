/** The version the studio reports matches the one it is published as. */
import { readFileSync } from 'node:fs';
import { STUDIO_VERSION } from '@shared/version';
import { expect, it } from 'vitest';

it('STUDIO_VERSION equals package.json version', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));
  expect(STUDIO_VERSION).toBe(pkg.version);
});
