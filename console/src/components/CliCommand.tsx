import { useState } from 'react';

async function copyText(text: string): Promise<boolean> {
  try {
    // Secure contexts only (https, localhost): a console on plain http falls back to a selection.
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'absolute';
  area.style.left = '-9999px';
  document.body.appendChild(area);
  area.select();
  try {
    return document.execCommand?.('copy') ?? false;
  } catch {
    return false;
  } finally {
    area.remove();
  }
}

/** The command-line equivalent of a form, to read and copy (issue 12). */
export function CliCommand({ command, what }: { command: string; what: string }) {
  const [copied, setCopied] = useState<'yes' | 'no'>();
  return (
    <div className="cli">
      <span className="muted">CLI:</span> <code className="cli-command">{command}</code>
      <button type="button" className="small" aria-label={`Copy the ${what} command`}
              onClick={async () => setCopied((await copyText(command)) ? 'yes' : 'no')}>Copy</button>
      <span role="status" className="muted">{copied === 'yes' ? 'Copied' : copied === 'no' ? 'Select it and copy' : ''}</span>
    </div>
  );
}
