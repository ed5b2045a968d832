import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Messenger } from '../messenger.ts';
import { Launcher } from './launcher.tsx';
import { Notice } from './notice.tsx';
import { Panel } from './panel.tsx';
import { useMessenger } from './use-messenger.ts';

export function App(props: { messenger: Messenger }) {
  const messenger = useMessenger(props.messenger);
  const root = useRef<HTMLDivElement>(null);
  const theme = messenger.theme();

  // Custom properties set through the CSSOM: the frame's CSP allows no inline styles.
  useLayoutEffect(() => {
    const style = root.current?.style;
    if (!style) return;
    for (const [name, value] of Object.entries(theme)) style.setProperty(name, value);
    style.setProperty('--fd-on-action', readableOn(theme['--fd-action-color'] ?? ''));
    style.setProperty('--fd-on-background', readableOn(theme['--fd-background-color'] ?? ''));
  }, [JSON.stringify(theme)]);

  const mode = messenger.mode();
  const placement = messenger.placement();
  const classes = ['fd-root', `fd-${placement.alignment}`];
  if (messenger.compact) classes.push('fd-compact');
  if (placement.hide_default_launcher) classes.push('fd-no-launcher');
  return (
    <div ref={root} class={classes.join(' ')}>
      {mode === 'open' && <Panel messenger={messenger} />}
      {mode === 'notify' && <Notice messenger={messenger} />}
      {mode !== 'none' && !placement.hide_default_launcher && <Launcher messenger={messenger} />}
    </div>
  );
}

/** White or near-black, whichever reads better on a colour (any CSS colour: the browser resolves it). */
function readableOn(color: string): string {
  const probe = document.createElement('i');
  probe.style.color = color;
  document.body.appendChild(probe);
  const [r = 0, g = 0, b = 0] = (getComputedStyle(probe).color.match(/[\d.]+/g) ?? []).map(Number);
  probe.remove();
  const luminance = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  return luminance > 0.6 ? '#1a1a1a' : '#ffffff';
}
