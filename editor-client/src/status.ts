// What the status-bar item says in each server state. Pure; extension.ts applies it to the item.

export type ServerStatus = 'disabled' | 'starting' | 'running' | 'stopped' | 'failed';

export interface StatusPresentation {
  text: string;
  tooltip: string;
  /** Whether the item gets the error background. */
  error: boolean;
}

export function presentStatus(status: ServerStatus, detail?: string): StatusPresentation {
  const suffix = detail ? `\n${detail}` : '';
  switch (status) {
    case 'disabled':
      return { text: '$(circle-slash) SmoLsp', tooltip: 'SmoLsp is disabled (smolsp.enable)' + suffix, error: false };
    case 'starting':
      return { text: '$(loading~spin) SmoLsp', tooltip: 'SmoLsp: starting the language server' + suffix, error: false };
    case 'running':
      return { text: '$(check) SmoLsp', tooltip: 'SmoLsp: the language server is running. Click for its output.' + suffix, error: false };
    case 'stopped':
      return { text: '$(debug-stop) SmoLsp', tooltip: 'SmoLsp: the language server is stopped. Run "SmoLsp: Restart server".' + suffix, error: false };
    case 'failed':
      return { text: '$(error) SmoLsp', tooltip: 'SmoLsp: the language server could not start. Click for its output.' + suffix, error: true };
  }
}
