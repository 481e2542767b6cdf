/**
 * An error boundary per panel: a failing panel shows what went wrong instead of blanking the page.
 */
import { Component, type ReactNode } from "react";

interface Props {
  label: string;
  children: ReactNode;
}

export class ErrorBoundary extends Component<Props, { error?: Error }> {
  override state: { error?: Error } = {};

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (this.state.error) {
      return (
        <div className="panel error" role="alert">
          <strong>The {this.props.label} failed.</strong> {this.state.error.message}
        </div>
      );
    }
    return this.props.children;
  }
}
