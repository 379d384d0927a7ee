/** The web-mode shell loads, talks to main through the contract, and shows which backend is live. */
import { expect, test } from './studio-fixture';

test('web mode shows the simulator badge and its health', async ({ studioPage }) => {
  await expect(studioPage.getByTestId('backend-badge')).toHaveText('Simulator (offline)');
  // "Healthy" means a real request just got an answer; before any, the pill says Ready and its title
  // carries the simulator's own health check.
  await expect(studioPage.getByTestId('health')).toHaveText('Ready');
  await expect(studioPage.getByTestId('health')).toHaveAttribute('title', /offline simulator at/);
  expect(new URL(studioPage.url()).searchParams.get('token')).toBeNull();
});

test('the API refuses calls without the token', async ({ studio, request }) => {
  const res = await request.post(`${studio.web.origin}/api/call/app:info`, { data: {} });
  expect(res.status()).toBe(401);
  const ok = await request.post(`${studio.web.origin}/api/call/app:info`, {
    data: {},
    headers: { 'x-studio-token': studio.web.token },
  });
  expect((await ok.json()).value.backend).toBe('simulator');
});
