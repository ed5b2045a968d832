import type { MessengerCustomization } from '@frontdesk/api-types';
import { type CSSProperties, useState } from 'react';
import { cssColorToHex, readableOn } from '../css-color.ts';
import './messenger-preview.css';
import { officeOpen } from './office-status.ts';
import { previewStrings } from './preview-strings.ts';

export interface PreviewTeammate {
  id: string;
  name: string;
}

// The Messenger's icon paths (apps/messenger/src/frame/ui/icons.tsx), drawn the same way.
const chatIcon = 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2zm3 6v2h2v-2H7zm4 0v2h2v-2h-2zm4 0v2h2v-2h-2z';
const closeIcon = 'M18.3 5.7 12 12l6.3 6.3-1.4 1.4L10.6 13.4 4.3 19.7l-1.4-1.4L9.2 12 2.9 5.7l1.4-1.4 6.3 6.3 6.3-6.3z';

function Icon({ path }: { path: string }) {
  return (
    <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
      <path d={path} fill="currentColor" />
    </svg>
  );
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .map((word) => word[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
}

/** Who the Home space shows: the chosen teammates, else the first few. */
function shownTeammates(customization: MessengerCustomization, teammates: PreviewTeammate[]): PreviewTeammate[] {
  const chosen = customization.team_avatar_teammate_ids;
  const list = chosen.length > 0 ? teammates.filter((teammate) => chosen.includes(teammate.id)) : teammates;
  return list.slice(0, 3);
}

/** The Messenger's theme variables: the workspace's own first, then the colors, as the widget sets them. */
function themeOf(customization: MessengerCustomization): CSSProperties {
  const action = cssColorToHex(customization.action_color) ? customization.action_color : undefined;
  const background = cssColorToHex(customization.background_color) ? customization.background_color : action;
  const variables: Record<string, string> = {};
  for (const [name, value] of Object.entries(customization.css_variables)) {
    if (/^--[\w-]+$/.test(name)) variables[name] = value;
  }
  if (action) variables['--fd-action-color'] = action;
  if (background) variables['--fd-background-color'] = background;
  variables['--fd-on-action'] = readableOn(action ?? '#1f6feb');
  variables['--fd-on-background'] = readableOn(background ?? '#1f6feb');
  variables['--fdp-pad-x'] = `${Math.max(0, customization.horizontal_padding)}px`;
  variables['--fdp-pad-y'] = `${Math.max(0, customization.vertical_padding)}px`;
  return variables as CSSProperties;
}

/**
 * A static copy of the Messenger on a page (launcher and the open Home space), drawn from the unsaved
 * form so a change shows before it is saved. Sizes, positions and words follow the widget's.
 */
export function MessengerPreview({ customization, teammates }: { customization: MessengerCustomization; teammates: PreviewTeammate[] }) {
  const [open, setOpen] = useState(true);
  const t = previewStrings[customization.locale] ?? previewStrings.en;
  const replyTime = officeOpen(customization.office_hours) === true ? t.replyOpen : t[`reply_${customization.reply_time}`];
  const hidden = customization.hide_default_launcher;
  const classes = ['fdp-page', customization.alignment === 'left' ? 'fdp-left' : 'fdp-right'];
  if (hidden) classes.push('fdp-no-launcher');

  return (
    <div className={classes.join(' ')} style={themeOf(customization)} lang={customization.locale} data-testid="messenger-preview">
      <div className="fdp-site" aria-hidden="true">
        <span className="fdp-site-bar" />
        <span className="fdp-site-line fdp-wide" />
        <span className="fdp-site-line" />
        <span className="fdp-site-line fdp-short" />
      </div>
      {hidden ? (
        <button type="button" className="fdp-custom-launcher" aria-label={open ? t.close : t.open} onClick={() => setOpen(!open)}>
          {customization.custom_launcher_selector ? (
            <>
              Your <code>{customization.custom_launcher_selector}</code> element
            </>
          ) : (
            <>
              Your page calls <code>Intercom('show')</code>
            </>
          )}
        </button>
      ) : null}
      {open ? (
        <div className="fdp-panel" data-testid="messenger-preview-panel">
          <div className="fdp-hero">
            <div className="fdp-hero-top">
              <span className="fdp-avatars">
                {shownTeammates(customization, teammates).map((teammate) => (
                  <span key={teammate.id} className="fdp-avatar" title={teammate.name}>
                    {initials(teammate.name)}
                  </span>
                ))}
              </span>
              <span className="fdp-close" aria-hidden="true">
                <Icon path={closeIcon} />
              </span>
            </div>
            <p className="fdp-greeting" data-testid="messenger-preview-greeting">
              {customization.greeting || t.hello}
            </p>
            {customization.team_intro ? <p className="fdp-intro">{customization.team_intro}</p> : null}
          </div>
          <div className="fdp-scroll">
            <div className="fdp-card">
              <strong>{t.sendUs}</strong>
              <span className="fdp-muted" data-testid="messenger-preview-reply-time">
                {replyTime}
              </span>
            </div>
          </div>
          <div className="fdp-nav">
            <span className="fdp-current">{t.home}</span>
            <span>{t.messages}</span>
            <span>{t.help}</span>
          </div>
        </div>
      ) : null}
      {hidden ? null : (
        <button
          type="button"
          className="fdp-launcher"
          data-testid="messenger-preview-launcher"
          aria-label={open ? t.close : t.open}
          aria-expanded={open}
          onClick={() => setOpen(!open)}
        >
          <Icon path={open ? closeIcon : chatIcon} />
        </button>
      )}
    </div>
  );
}
