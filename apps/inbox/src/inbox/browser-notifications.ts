import { useCallback, useState } from 'react';
import { navigate } from '../router/router.tsx';

export type NotificationPermissionState = NotificationPermission | 'unsupported';

function currentPermission(): NotificationPermissionState {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** The browser's permission, asked only when the teammate presses the button (never on load). */
export function useNotificationPermission(): { permission: NotificationPermissionState; request: () => Promise<void> } {
  const [permission, setPermission] = useState<NotificationPermissionState>(currentPermission);
  const request = useCallback(async () => {
    if (typeof Notification === 'undefined') return;
    try {
      setPermission(await Notification.requestPermission());
    } catch {
      setPermission(currentPermission());
    }
  }, []);
  return { permission, request };
}

/** A system notification that brings the tab back on the conversation when clicked. */
export function notify(title: string, body: string, conversationPath: string, tag: string): void {
  if (currentPermission() !== 'granted') return;
  try {
    const notification = new Notification(title, { body, tag });
    notification.onclick = () => {
      window.focus();
      navigate(conversationPath);
      notification.close();
    };
  } catch {
    // Some browsers only allow notifications from a service worker: the title badge still counts.
  }
}
