// A preview whose form rjsf cannot render (a UI schema naming a widget that does not exist, say) shows the error
// instead of taking the editor down with it. Keyed by the draft's files, so the next edit tries again.
import { Component, type ReactNode } from 'react';
import { Alert } from 'antd';

export class PreviewBoundary extends Component<{ title: string; children: ReactNode }, { error: string | null }> {
  state = { error: null as string | null };

  static getDerivedStateFromError(e: unknown) {
    return { error: e instanceof Error ? e.message : String(e) };
  }

  render() {
    if (this.state.error)
      return <Alert type="error" role="alert" data-testid="compile-errors" message={this.props.title} description={this.state.error} />;
    return this.props.children;
  }
}
