/** Placeholder for the matrix view while it is built. */
export function MatrixView() {
  return <section className="view-placeholder">matrix</section>;
}
