import { actorsOf } from '../../../platform/actors.repository';
import type { Unit } from '../../../platform/change';
import { DueTimers } from '../../../platform/due-timers';
import { markingOfRow } from '../../../platform/marked-records';
import type { NotificationsService } from '../../notifications/notifications.service';
import type { ChannelsContext } from '../channels.context';
import { num } from '../channels.repository';

type Outcome = 'fired' | 'moot';

export type RealertDeps = Pick<
  ChannelsContext,
  | 'change'
  | 'deployment'
  | 'membership'
  | 'channels'
  | 'members'
  | 'messages'
  | 'details'
  | 'alerts'
  | 'options'
> & {
  /** The notifications module's entry point for telling people about a message. */
  notifications: Pick<NotificationsService, 'notifyAboutMessage'>;
};

/**
 * The durable re-alerts of urgent channel messages: one timer row per
 * message, claimed with FOR UPDATE SKIP LOCKED in its own transaction, so it
 * fires once however many instances run, and one that fell due while the
 * server was down fires when it starts. Each firing alerts again the members
 * who may read the message and have not acknowledged it, and sets the next
 * timer; once everyone has acknowledged (or the message is deleted, or the
 * room closed) the timer is moot and the alerts stop.
 */
export class ChannelAlerts {
  private readonly timers: DueTimers;

  constructor(deps: RealertDeps) {
    this.timers = new DueTimers(deps.change, 'channel.message-realerted', (unit) =>
      fireNextRealert(deps, unit),
    );
  }

  /** Fires every due timer; concurrent calls in one process share one run. Returns how many fired or were moot. */
  fireDue(): Promise<number> {
    return this.timers.fireDue();
  }
}

/** Claims one due re-alert and fires it (or finds it moot); false when none is due. Runs inside its own change. */
export async function fireNextRealert(deps: RealertDeps, unit: Unit): Promise<boolean> {
  const { tx, now } = unit;
  const alert = await deps.alerts.claimDueAlert(tx, now);
  if (!alert) return false;
  const message = await deps.messages.messageById(tx, alert.message_id);
  const channel = message && (await deps.channels.channel(message.channel_id, tx));
  let outcome: Outcome = 'moot';
  if (message && channel && channel.status === 'open' && !message.deleted_at) {
    // The members, other than the author, who may read the message and have not acknowledged it.
    const done = new Set(await deps.details.acknowledgedBy(tx, message.id));
    const memberIds = await deps.members.memberIds(message.channel_id, tx);
    const facet = { memberIds, marking: markingOfRow(channel) };
    const recipients = (
      await actorsOf(
        tx,
        memberIds.filter((id) => id !== message.author_id && !done.has(id)),
      )
    )
      .filter((actor) => deps.membership.canSee(actor, facet, { message: markingOfRow(message) }))
      .map((actor) => actor.userId);
    if (recipients.length > 0) {
      outcome = 'fired';
      const seq = num(message.seq);
      await deps.notifications.notifyAboutMessage(unit, recipients, {
        kind: 'message.realerted',
        channelId: channel.id,
        seq,
        at: now,
      });
      await deps.alerts.scheduleAlert(
        tx,
        message.id,
        new Date(now.getTime() + deps.options.urgentRealertSeconds * 1000),
      );
      await deps.alerts.finishAlert(tx, alert.id, now, outcome);
      unit.audit({
        subject: { type: 'channel', id: channel.id },
        details: { seq, recipients: recipients.length },
        marking: markingOfRow(message),
      });
      return true;
    }
  }
  await deps.alerts.finishAlert(tx, alert.id, now, outcome);
  return true;
}
