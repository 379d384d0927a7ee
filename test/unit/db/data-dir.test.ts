import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JOURNAL_FILE_NAME, journalPath, resolveDataDir } from '../../../electron/db/data-dir';

describe('resolveDataDir', () => {
  it('prefers STUDIO_DATA_DIR on every platform', () => {
    expect(resolveDataDir({ STUDIO_DATA_DIR: '/data/studio', HOME: '/home/a' }, 'linux')).toBe(
      '/data/studio',
    );
    expect(resolveDataDir({ STUDIO_DATA_DIR: 'rel/dir' }, 'linux')).toBe(path.resolve('rel/dir'));
  });

  it('ignores an empty STUDIO_DATA_DIR', () => {
    expect(resolveDataDir({ STUDIO_DATA_DIR: '  ', HOME: '/home/a' }, 'linux')).toBe(
      '/home/a/.local/share/sweep-studio',
    );
  });

  it('uses XDG_DATA_HOME on Linux when absolute, else ~/.local/share', () => {
    expect(resolveDataDir({ HOME: '/home/a', XDG_DATA_HOME: '/xdg' }, 'linux')).toBe('/xdg/sweep-studio');
    expect(resolveDataDir({ HOME: '/home/a', XDG_DATA_HOME: 'relative' }, 'linux')).toBe(
      '/home/a/.local/share/sweep-studio',
    );
    expect(resolveDataDir({ HOME: '/home/a' }, 'freebsd')).toBe('/home/a/.local/share/sweep-studio');
  });

  it('uses Application Support on macOS', () => {
    expect(resolveDataDir({ HOME: '/Users/a' }, 'darwin')).toBe(
      '/Users/a/Library/Application Support/Sweep Studio',
    );
  });

  it('uses %APPDATA% on Windows', () => {
    expect(resolveDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toBe(
      'C:\\Users\\a\\AppData\\Roaming\\Sweep Studio',
    );
    expect(resolveDataDir({ USERPROFILE: 'C:\\Users\\b' }, 'win32')).toBe(
      'C:\\Users\\b\\AppData\\Roaming\\Sweep Studio',
    );
  });

  it('names the journal file inside the data dir', () => {
    expect(journalPath('/d')).toBe(path.join('/d', JOURNAL_FILE_NAME));
    expect(JOURNAL_FILE_NAME).toBe('journal.sqlite');
  });
});
