/**
 * The application menu of the built shell under the Electron double (whose Menu validates roles and
 * accelerators as Electron does): the standard role menus, a Go menu derived from the shared view
 * table whose items reach the renderer as `menu:command` events, and Help with the shortcut list, the
 * data and log folders and About (with the app's version).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MenuCommand, STUDIO_VIEWS } from '@shared/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MenuDouble, MenuItemDouble } from '../../electron-double/menu';
import { ROOT } from './built-shell';
import { launchShell, type Renderer, type ShellRun, until } from './shell-harness';

let dir: string;
let run: ShellRun;
let page: Renderer;
let menu: MenuDouble;
const commands: MenuCommand[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sweep-shell-menu-'));
  run = await launchShell({ dir });
  page = run.renderer();
  page.client.on('menu:command', (command) => commands.push(command));
  menu = run.double.Menu.getApplicationMenu()!;
});

afterAll(async () => {
  await run?.quit();
  rmSync(dir, { recursive: true, force: true });
});

function click(path: string[]): void {
  const item = menu.find(path) as MenuItemDouble;
  expect(item, path.join(' > ')).toBeTruthy();
  item.click!(item, run.window, {});
}

describe('the application menu', () => {
  it('has the standard role menus, then Go, Window and Help', () => {
    expect(menu).not.toBeNull();
    const top = menu.items.map((i) => i.role ?? i.label);
    const expected = ['fileMenu', 'editMenu', 'viewMenu', 'Go', 'windowMenu', 'help'];
    expect(top).toEqual(process.platform === 'darwin' ? ['appMenu', ...expected] : expected);
  });

  it('lists every studio view under Go with Ctrl/Cmd+1…, and each item navigates the renderer', async () => {
    const go = menu.find(['Go'])!.submenu!.items;
    expect(go.map((i) => [i.label, i.accelerator])).toEqual(
      STUDIO_VIEWS.map((v, i) => [v.label, `CmdOrCtrl+${i + 1}`]),
    );
    for (const view of STUDIO_VIEWS) click(['Go', view.label]);
    await until(() => commands.length >= STUDIO_VIEWS.length, 'the menu commands');
    expect(commands.splice(0)).toEqual(STUDIO_VIEWS.map((v) => ({ command: 'go', view: v.name })));
  });

  it('toggles the keyboard-shortcut list from Help', async () => {
    expect(menu.find(['help', 'Keyboard Shortcuts'])!.accelerator).toBe('CmdOrCtrl+/');
    click(['help', 'Keyboard Shortcuts']);
    await until(() => commands.length === 1, 'the shortcuts command');
    expect(commands.splice(0)).toEqual([{ command: 'shortcuts' }]);
  });

  it('opens the data folder and the logs folder from Help', async () => {
    click(['help', 'Open Data Folder']);
    click(['help', 'Open Logs']);
    await until(() => run.double.state.callsTo('shell.openPath').length === 2, 'two openPath calls');
    expect(run.double.state.callsTo('shell.openPath')).toEqual([[run.dataDir], [join(run.dataDir, 'logs')]]);
  });

  it('shows About with the app version', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(run.double.app.aboutPanelOptions).toMatchObject({
      applicationName: pkg.productName,
      applicationVersion: pkg.version,
    });
    if (process.platform !== 'darwin') expect(menu.find(['help', 'about'])).toBeTruthy();
  });
});
