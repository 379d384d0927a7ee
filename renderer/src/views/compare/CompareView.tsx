/** Placeholder for the compare view while it is built. */
export function CompareView() {
  return <section className="view-placeholder">compare</section>;
}
