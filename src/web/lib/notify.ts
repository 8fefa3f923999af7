import { notifications } from '@mantine/notifications';
import { i18next } from '../app/i18n';

/** A passing message in the corner, its close button named in the user's language. */
export function notify(
  color: 'green' | 'red',
  message: string,
  autoClose = color === 'red' ? 8000 : 4000,
): void {
  notifications.show({
    color,
    message,
    autoClose,
    closeButtonProps: { 'aria-label': i18next.t('common.close') },
  });
}
