import { useSession } from '../session/session-context.tsx';
import { useAwayMode } from './away-mode.ts';
import { useNotificationPermission } from './browser-notifications.ts';

/** Away mode and browser notifications, in the sidebar footer. */
export function PresenceControls() {
  const me = useSession().teammate.id;
  const [away, setAway] = useAwayMode(me);
  const { permission, request } = useNotificationPermission();

  return (
    <div className="presence-controls">
      <div className="away-toggle">
        <span className={`presence-dot ${away ? 'presence-away' : 'presence-active'}`} aria-hidden="true" />
        <span className="away-toggle-label" aria-hidden="true">
          {away ? 'Away' : 'Active'}
        </span>
        <button
          type="button"
          role="switch"
          aria-checked={away}
          aria-label="Away mode"
          aria-describedby="away-hint"
          className="switch"
          onClick={() => setAway(!away)}
        >
          <span className="switch-thumb" aria-hidden="true" />
        </button>
        <span id="away-hint" className="visually-hidden">
          While away, this browser shows no notifications.
        </span>
      </div>
      {permission === 'default' ? (
        <button type="button" className="button button-secondary button-small button-block" onClick={() => void request()}>
          Enable notifications
        </button>
      ) : permission === 'denied' ? (
        <p className="small muted">Notifications are blocked in this browser's site settings.</p>
      ) : null}
    </div>
  );
}
