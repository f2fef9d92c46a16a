import { useEffect, useRef, useState } from 'preact/hooks';

interface Props {
  value: string;
  /** What the value is, for the button's accessible name: "Copy charge id ch_…". */
  label: string;
}

/**
 * One click copies an id. The button always reads "Copy" (its accessible name adds what it
 * copies); whether it worked is said next to it, in a live region.
 */
export function CopyButton({ value, label }: Props) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);

  async function copy(event: MouseEvent) {
    event.stopPropagation();
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      setState('failed');
    }
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setState('idle'), 2000);
  }

  return (
    <>
      <button type="button" class="copy-button" onClick={copy} title={`Copy ${label}`}>
        Copy<span class="visually-hidden"> {label} {value}</span>
      </button>
      <span class={`copy-feedback copy-${state}`} role="status">
        {state === 'copied' ? '✓ Copied' : state === 'failed' ? 'Could not copy' : ''}
      </span>
    </>
  );
}
