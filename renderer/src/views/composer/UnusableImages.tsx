/**
 * The images the scan found but a header probe says cannot be used (empty, not an image, animated, a
 * shape no output can use…), each with its reason, shown before Start. They are left out of the job
 * count and the estimate; a batch still lists them, failed with the same reason, so none goes missing.
 */
import type { InputScan } from '@shared/contract';

/** Reasons listed; the count above them is always complete. */
const SHOWN = 50;

export function UnusableImages({ scan }: { scan: InputScan }) {
  const count = scan.total - scan.usable;
  if (count === 0) return null;
  return (
    <div className="unusable" data-testid="unusable-list">
      <p className="unusable-head warn">
        {count.toLocaleString('en-US')} image{count === 1 ? '' : 's'} cannot be used and{' '}
        {count === 1 ? 'is' : 'are'} left out of the count:
      </p>
      <ul>
        {scan.unusable.slice(0, SHOWN).map((u) => (
          <li key={u.path} title={u.path}>
            {u.message} <span className="muted">({u.code})</span>
          </li>
        ))}
        {count > SHOWN && <li className="muted">and {(count - SHOWN).toLocaleString('en-US')} more</li>}
      </ul>
    </div>
  );
}
