/** A colour swatch: a single colour, or a strip of colours (palette presets), with optional weights. */
export interface SwatchProps {
  colors: readonly string[];
  /** Relative widths for a strip; equal when omitted. */
  weights?: readonly number[];
  size?: number;
  title?: string;
}

export function Swatch({ colors, weights, size = 16, title }: SwatchProps) {
  const total = weights?.reduce((a, b) => a + b, 0) ?? colors.length;
  return (
    <span
      className="swatch"
      style={{ height: size, minWidth: size * Math.max(1, colors.length) }}
      title={title}
    >
      {colors.map((c, i) => (
        <span
          // biome-ignore lint/suspicious/noArrayIndexKey: the same colour may appear twice in a palette.
          key={i}
          style={{ background: c, flexGrow: weights ? (weights[i] ?? 0) / total : 1 }}
        />
      ))}
    </span>
  );
}
