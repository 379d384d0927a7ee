/** Renders a search hit's prompt, where main wrapped each matched word in [ and ], with <mark>. */
export function Highlighted({ text }: { text: string }) {
  const parts = text.split(/\[([^\]]*)\]/);
  return (
    <span className="highlighted">
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts are positional.
          <mark key={i}>{part}</mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts are positional.
          <span key={i}>{part}</span>
        ),
      )}
    </span>
  );
}
