import type { NotificationsService } from '../notifications/notifications.service';
import type { WorkingGroupsDeps } from './working-groups.deps';

/** What meetings' commands run with besides the group's: the notifier (bell, live, e-mail). */
export interface MeetingsDeps extends WorkingGroupsDeps {
  notifications: Pick<NotificationsService, 'notifyAboutMeeting'>;
}
