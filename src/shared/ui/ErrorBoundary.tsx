import { Component, type ErrorInfo as ReactErrorInfo, type ReactNode } from 'react';
import { ErrorView } from './ErrorView.js';

interface Props {
  children: ReactNode;
  /** Changing it (e.g. the route) clears a caught error. */
  resetKey?: unknown;
}

interface State {
  error: unknown;
  resetKey: unknown;
}

/** Catches render errors below it and shows the Swedish error view instead of a blank tab. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    if (props.resetKey !== state.resetKey) return { error: null, resetKey: props.resetKey };
    return null;
  }

  override componentDidCatch(error: unknown, info: ReactErrorInfo): void {
    console.warn('Systemkoll: ett fel fångades av felgränsen.', error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error) {
      return <ErrorView error={this.state.error} onRetry={() => this.setState({ error: null })} />;
    }
    return this.props.children;
  }
}
