import type { InboxView } from '@frontdesk/api-types';
import { Link, matchPath, usePath } from '../router/router.tsx';
import { useInbox } from './inbox-context.tsx';
import { viewPath } from './inbox-paths.ts';

const builtIn: InboxView['kind'][] = ['mine', 'mentions', 'unassigned', 'all'];

/** The view the address shows: `/inbox/:view…`, or the default view at `/`. */
export function useCurrentViewId(): string | undefined {
  const path = usePath();
  const { defaultViewId } = useInbox();
  const match = matchPath('/inbox/:view', path) ?? matchPath('/inbox/:view/:conversationId', path);
  if (match?.view) return match.view;
  return path === '/' ? defaultViewId : undefined;
}

/** The sidebar's inboxes with their counts: built-in ones, one per team, then saved views. */
export function ViewsNav() {
  const { views, viewsError, reloadViews, held } = useInbox();
  const currentId = useCurrentViewId();
  if (held) return null;

  if (!views) {
    return viewsError ? (
      <div className="views-nav-error" role="alert">
        <p className="small">Inboxes could not be loaded. {viewsError}</p>
        <button type="button" className="link-button small" onClick={() => reloadViews({ now: true })}>
          Try again
        </button>
      </div>
    ) : (
      <p className="loading small" role="status">
        Loading inboxes…
      </p>
    );
  }

  const groups: { id: string; label: string; views: InboxView[] }[] = [
    { id: 'nav-inboxes', label: 'Inbox', views: builtIn.flatMap((kind) => views.filter((view) => view.kind === kind)) },
    { id: 'nav-teams', label: 'Team inboxes', views: views.filter((view) => view.kind === 'team') },
    { id: 'nav-views', label: 'Views', views: views.filter((view) => view.kind === 'saved') },
  ];

  return (
    <>
      {groups
        .filter((group) => group.views.length > 0)
        .map((group) => (
          <div key={group.id} className="views-nav-group">
            <h2 className="nav-heading" id={group.id}>
              {group.label}
            </h2>
            <ul aria-labelledby={group.id}>
              {group.views.map((view) => (
                <li key={view.id}>
                  <Link href={viewPath(view.id)} className="nav-link view-link" aria-current={view.id === currentId ? 'page' : undefined}>
                    <span className="view-link-name">{view.name}</span>
                    {view.count > 0 ? (
                      <>
                        <span className="view-count" aria-hidden="true">
                          {view.count > 999 ? '999+' : view.count}
                        </span>
                        <span className="visually-hidden">
                          {' '}
                          ({view.count} {view.kind === 'mentions' ? 'unread' : 'open'})
                        </span>
                      </>
                    ) : null}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ))}
    </>
  );
}
