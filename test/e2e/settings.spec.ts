/**
 * Settings, end to end: the simulator badge and backend are shown, the key field never echoes a key,
 * and the naming template is validated inline before it can be saved (and persists once saved).
 * Saves the settings screenshot the README shows.
 */
import { expect, test } from './studio-fixture';

test('settings show the simulator backend and validate the naming template', async ({ studioPage: page }) => {
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('backend-badge').first()).toHaveText('Simulator (offline)');
  await expect(page.getByTestId('settings-backend')).toContainText('Offline simulator');
  await expect(page.getByTestId('settings-api-key')).toHaveAttribute('type', 'password');
  await expect(page.getByTestId('settings-api-key')).toHaveValue('');

  const template = page.getByTestId('settings-template');
  await template.fill('{batch}/{nope}.png');
  await expect(page.getByText(/unknown token \{nope\}/)).toBeVisible();
  await expect(page.getByTestId('settings-save')).toBeDisabled();

  await template.fill('{batch}/{style}/{input}__s{seed}.png');
  await expect(page.getByText(/unknown token/)).toHaveCount(0);
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-saved')).toBeVisible();

  await page.reload();
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('settings-template')).toHaveValue('{batch}/{style}/{input}__s{seed}.png');
  await page.mouse.move(720, 899); // no hover hints in the screenshot
  await page.screenshot({ path: 'test/e2e/screenshots/settings.png' });
});
