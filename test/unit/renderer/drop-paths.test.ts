/**
 * Paths from a drag-and-drop: `text/uri-list` file:// URLs (percent-encoded, CRLF-separated, with `#`
 * comments), then plain-text paths as a fallback, and how many dropped items came without a path.
 * DataTransfer is faked with the three members pathsFromDrop reads.
 */
import { describe, expect, it } from 'vitest';
import { pathsFromDrop } from '../../../renderer/src/views/composer/drop-paths';

function drop(data: { uriList?: string; text?: string; files?: number; items?: number }): DataTransfer {
  const fake = {
    getData: (type: string) =>
      type === 'text/uri-list' ? (data.uriList ?? '') : type === 'text/plain' ? (data.text ?? '') : '',
    files: { length: data.files ?? 0 },
    items: { length: data.items ?? 0 },
  };
  return fake as unknown as DataTransfer;
}

describe('pathsFromDrop: text/uri-list', () => {
  it('reads CRLF-separated file URLs, skipping comments and blank lines', () => {
    const uriList =
      '# dragged from Files\r\nfile:///home/ann/cat.png\r\n\r\n  file:///home/ann/dog.jpg  \r\n# end\r\n';
    expect(pathsFromDrop(drop({ uriList, files: 2 }))).toEqual({
      paths: ['/home/ann/cat.png', '/home/ann/dog.jpg'],
      withoutPath: 0,
    });
  });

  it('accepts LF-only lists too', () => {
    expect(pathsFromDrop(drop({ uriList: 'file:///a.png\nfile:///b.png' })).paths).toEqual([
      '/a.png',
      '/b.png',
    ]);
  });

  it('decodes percent-encoding, including UTF-8, # and %, and keeps + as +', () => {
    const uriList = [
      'file:///home/ann/My%20Photos',
      'file:///home/ann/%C3%A9t%C3%A9/%E5%86%99%E7%9C%9F.png',
      'file:///tmp/a%23b%25c.png',
      'file:///tmp/a+b.png',
    ].join('\r\n');
    expect(pathsFromDrop(drop({ uriList })).paths).toEqual([
      '/home/ann/My Photos',
      '/home/ann/été/写真.png',
      '/tmp/a#b%c.png',
      '/tmp/a+b.png',
    ]);
  });

  it('turns a Windows drive URL into a drive path', () => {
    const uriList = 'file:///C:/Users/ann/a%20b.png\r\nfile:///d:/x.png';
    expect(pathsFromDrop(drop({ uriList })).paths).toEqual(['C:/Users/ann/a b.png', 'd:/x.png']);
  });

  it('treats file://localhost/ like file:///', () => {
    expect(pathsFromDrop(drop({ uriList: 'file://localhost/tmp/x.png' })).paths).toEqual(['/tmp/x.png']);
  });

  it('drops URLs that are not files and ones that do not decode', () => {
    const uriList = 'https://example.com/a.png\r\nfile:///ok.png\r\nfile:///bad%ZZ.png\r\nnot a url';
    expect(pathsFromDrop(drop({ uriList })).paths).toEqual(['/ok.png']);
  });

  // A file URL with a host is a network share: it must not become the local path '/share/x.png'.
  it('keeps the host of a share instead of turning it into a local path', () => {
    expect(pathsFromDrop(drop({ uriList: 'file://server/share/x.png', files: 1 })).paths).toEqual([
      '//server/share/x.png',
    ]);
  });
});

describe('pathsFromDrop: text/plain fallback', () => {
  it('reads absolute, drive, home and file:// paths from plain text when the uri-list has none', () => {
    const text =
      '/home/ann/a.png\r\nC:\\photos\\b.png\n~/pics\nrelative/c.png\nhello\nfile:///tmp/d%20e.png\n';
    expect(pathsFromDrop(drop({ text, files: 3 }))).toEqual({
      paths: ['/home/ann/a.png', 'C:\\photos\\b.png', '~/pics', '/tmp/d e.png'],
      withoutPath: 0,
    });
  });

  it('is not consulted when the uri-list gave paths', () => {
    expect(pathsFromDrop(drop({ uriList: 'file:///a.png', text: '/other.png' })).paths).toEqual(['/a.png']);
  });

  it('is consulted when the uri-list held only web URLs', () => {
    expect(pathsFromDrop(drop({ uriList: 'https://x.test/a.png', text: '/b.png' })).paths).toEqual([
      '/b.png',
    ]);
  });
});

describe('pathsFromDrop: items without a path', () => {
  it('counts dropped files when no path could be learnt', () => {
    expect(pathsFromDrop(drop({ files: 3, items: 3 }))).toEqual({ paths: [], withoutPath: 3 });
  });

  it('falls back to the item count when there are no File objects', () => {
    expect(pathsFromDrop(drop({ items: 2, text: 'just words' }))).toEqual({ paths: [], withoutPath: 2 });
  });

  it('is zero for an empty drop', () => {
    expect(pathsFromDrop(drop({}))).toEqual({ paths: [], withoutPath: 0 });
  });
});
