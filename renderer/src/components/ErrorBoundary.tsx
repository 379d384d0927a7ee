/** Keeps one broken view from blanking the whole studio: shows the error and a "try again" button. */
import { Component, type ReactNode } from 'react';
import { EmptyState } from './EmptyState';

interface Props {
  children: ReactNode;
  /** Changing this resets the boundary (e.g. the current view name). */
  resetKey?: string;
}
interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidUpdate(prev: Props): void {
    if (prev.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <EmptyState
        tone="error"
        icon="!"
        title="This view hit a problem"
        action={
          <button
            type="button"
            className="btn btn-secondary btn-md"
            onClick={() => this.setState({ error: null })}
          >
            Try again
          </button>
        }
      >
        <code>{this.state.error.message}</code>
      </EmptyState>
    );
  }
}
