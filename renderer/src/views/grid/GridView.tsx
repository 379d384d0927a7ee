/** Placeholder for the grid view while it is built. */
export function GridView() {
  return <section className="view-placeholder">grid</section>;
}
