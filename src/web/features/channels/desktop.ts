/**
 * Desktop notifications through the browser's Notification API: only once the
 * user has allowed them from a button (never asked on load), and only saying
 * that something arrived where, not what it says.
 */
export const desktopNotificationsSupported = (): boolean => typeof Notification !== 'undefined';

export const desktopPermission = (): NotificationPermission | 'unsupported' =>
  desktopNotificationsSupported() ? Notification.permission : 'unsupported';

export async function askDesktopPermission(): Promise<NotificationPermission | 'unsupported'> {
  if (!desktopNotificationsSupported()) return 'unsupported';
  return Notification.requestPermission();
}

/** Shows a notification when permitted; `tag` replaces an earlier one about the same message. */
export function showDesktopNotification(
  title: string,
  body: string,
  tag: string,
  onClick?: () => void,
): void {
  if (desktopPermission() !== 'granted') return;
  try {
    const notification = new Notification(title, { body, tag });
    if (onClick)
      notification.onclick = () => {
        window.focus();
        onClick();
      };
  } catch {
    // Some browsers only allow notifications from a service worker: nothing more to do here.
  }
}
