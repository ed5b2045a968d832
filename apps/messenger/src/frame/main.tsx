import { render } from 'preact';
import type { Envelope, FrameMessage, HostMessage } from '../protocol.ts';
import { Messenger } from './messenger.ts';
import { App } from './ui/app.tsx';
import './frame.css';

/**
 * The Messenger frame, on the Frontdesk origin. It answers only its parent window, and only the origin
 * that booted it; the first message it sends ("ready") carries nothing and may go to any origin.
 */
let hostOrigin: string | null = null;
const embedded = window.parent !== window;

function toHost(message: FrameMessage): void {
  if (!embedded) return;
  const envelope: Envelope<FrameMessage> = { ...message, fd: 1 };
  if (message.type === 'ready') window.parent.postMessage(envelope, '*');
  else if (hostOrigin) window.parent.postMessage(envelope, hostOrigin);
}

const messenger = new Messenger(toHost);

addEventListener('message', (event: MessageEvent) => {
  if (!embedded || event.source !== window.parent) return;
  const message = event.data as Envelope<HostMessage> | null;
  if (message?.fd !== 1 || typeof message.type !== 'string') return;
  if (message.type === 'boot' && (hostOrigin === null || hostOrigin === event.origin)) hostOrigin = event.origin;
  if (event.origin !== hostOrigin) return;
  messenger.handle(message);
});

document.addEventListener('visibilitychange', () => {
  const view = messenger.view;
  if (!document.hidden && view.kind === 'conversation') messenger.conversations.markSeen(view.id);
});

const root = document.getElementById('messenger');
if (root) render(<App messenger={messenger} />, root);
toHost({ type: 'ready' });
