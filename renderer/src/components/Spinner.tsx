/** A small CSS spinner; with `label` it is announced to screen readers as a status. */
export function Spinner({ size = 16, label }: { size?: number; label?: string }) {
  const wheel = <span className="spinner" style={{ width: size, height: size }} aria-hidden />;
  if (!label) return wheel;
  return (
    <span role="status">
      {wheel}
      <span className="sr-only">{label}</span>
    </span>
  );
}

/** A centred spinner with a line of text, for whole-panel loading states. */
export function Loading({ text = 'Loading…' }: { text?: string }) {
  return (
    <div className="loading" role="status">
      <Spinner size={18} />
      <span>{text}</span>
    </div>
  );
}
