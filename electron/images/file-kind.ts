/**
 * Names the special files an input walk can meet (named pipes, sockets, devices) from a directory entry
 * or a `stat`, without opening them: opening a FIFO blocks until something writes to it, and reading a
 * device may never end. Both the walker and the input preparation refuse such entries by this name.
 */

interface EntryKind {
  isFIFO(): boolean;
  isSocket(): boolean;
  isBlockDevice(): boolean;
  isCharacterDevice(): boolean;
}

/** What kind of special file an entry is, in words; null for a regular file, a folder or a link. */
export function specialFileKind(entry: EntryKind): string | null {
  if (entry.isFIFO()) return 'a named pipe (FIFO)';
  if (entry.isSocket()) return 'a socket';
  if (entry.isBlockDevice() || entry.isCharacterDevice()) return 'a device';
  return null;
}

/** How an input that is such a file is described: `"<name>" is not a regular file (a socket); …`. */
export function notRegularCause(kind: string): string {
  return `is not a regular file (${kind}); it was not opened`;
}
