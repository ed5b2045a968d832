import { useAction } from '../api/use-action.ts';
import { ErrorAlert } from '../ui/alerts.tsx';
import { useAwayMode } from './away-mode.ts';
import { useNotificationPermission } from './browser-notifications.ts';

/** Away mode (saved on the server, seen by teammates) and browser notifications, in the sidebar footer. */
export function PresenceControls() {
  const [awayMode, setAwayMode] = useAwayMode();
  const save = useAction(setAwayMode);
  const away = awayMode.away_mode_enabled;
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
          disabled={save.pending}
          onClick={() => void save.run({ away_mode_enabled: !away })}
        >
          <span className="switch-thumb" aria-hidden="true" />
        </button>
        <span id="away-hint" className="visually-hidden">
          Teammates see that you are away; you can still work, and this browser shows no notifications.
        </span>
      </div>
      {away ? (
        <label className="away-reassign small">
          <input
            type="checkbox"
            checked={awayMode.away_mode_reassign}
            disabled={save.pending}
            onChange={(event) => void save.run({ away_mode_enabled: true, away_mode_reassign: event.target.checked })}
          />
          Reassign new replies to unassigned
        </label>
      ) : null}
      <ErrorAlert message={save.error} />
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
