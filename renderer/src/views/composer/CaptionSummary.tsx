/**
 * How many of the scanned images have a caption for `{caption}` (a sidecar `.txt` or a `prompts.csv`
 * row), and which caption files cannot be used. Whether a missing caption blocks Start is the
 * preview's business (it is an error only while a prompt uses `{caption}`).
 */
import type { InputScan } from '@shared/contract';

export function CaptionSummary({ scan }: { scan: InputScan }) {
  const { captions, total } = scan;
  if (total === 0 || (captions.count === 0 && captions.problems.length === 0)) return null;
  return (
    <div className="caption-summary small" data-testid="caption-summary">
      <span>
        <strong data-testid="caption-count">{captions.count.toLocaleString('en-US')}</strong> of{' '}
        {total.toLocaleString('en-US')} image{total === 1 ? '' : 's'} have a caption for{' '}
        <code>{'{caption}'}</code>
      </span>
      {captions.count < total && captions.missing.length > 0 && (
        <span className="muted" title={captions.missing.join('\n')}>
          {' '}
          · without: {captions.missing.slice(0, 3).join(', ')}
          {total - captions.count > 3 ? ` and ${total - captions.count - 3} more` : ''}
        </span>
      )}
      {captions.problems.map((p) => (
        <p key={p.path} className="warn">
          {p.message}
        </p>
      ))}
    </div>
  );
}
