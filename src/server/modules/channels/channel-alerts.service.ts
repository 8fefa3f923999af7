import { actorsOf } from '../../platform/actors';
import type { Change, Unit } from '../../platform/change';
import type { Tx } from '../../platform/db/database';
import { DueTimers } from '../../platform/due-timers';
import { markingOfRow } from '../../platform/marked-records';
import type { NotificationsService } from '../notifications/notifications.service';
import { num } from './channels.repository';
import type { ChannelsService } from './channels.service';

type Outcome = 'fired' | 'moot';

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

  constructor(
    change: Change,
    private readonly channels: ChannelsService,
    private readonly notifications: NotificationsService,
  ) {
    this.timers = new DueTimers(change, 'channel.message-realerted', (unit) => this.fireNext(unit));
  }

  /** Fires every due timer; concurrent calls in one process share one run. Returns how many fired or were moot. */
  fireDue(): Promise<number> {
    return this.timers.fireDue();
  }

  private async fireNext(unit: Unit): Promise<boolean> {
    const { tx, now } = unit;
    const repo = this.channels.repo;
    const alert = await repo.claimDueAlert(tx, now);
    if (!alert) return false;
    const message = await repo.messageById(tx, alert.message_id);
    const channel = message && (await repo.channel(message.channel_id, tx));
    let outcome: Outcome = 'moot';
    if (message && channel && channel.status === 'open' && !message.deleted_at) {
      const recipients = await this.unacknowledged(tx, message);
      if (recipients.length > 0) {
        outcome = 'fired';
        const seq = num(message.seq);
        await this.notifications.notifyAboutMessage(unit, recipients, {
          kind: 'message.realerted',
          channelId: channel.id,
          seq,
          at: now,
        });
        await repo.scheduleAlert(
          tx,
          message.id,
          new Date(now.getTime() + this.channels.options.urgentRealertSeconds * 1000),
        );
        await repo.finishAlert(tx, alert.id, now, outcome);
        unit.audit({
          subject: { type: 'channel', id: channel.id },
          details: { seq, recipients: recipients.length },
          marking: markingOfRow(message),
        });
        return true;
      }
    }
    await repo.finishAlert(tx, alert.id, now, outcome);
    return true;
  }

  /** The members, other than the author, who may read the message and have not acknowledged it. */
  private async unacknowledged(
    tx: Tx,
    message: NonNullable<Awaited<ReturnType<ChannelsService['repo']['messageById']>>>,
  ): Promise<string[]> {
    const repo = this.channels.repo;
    const done = new Set(await repo.acknowledgedBy(tx, message.id));
    const members = (await repo.memberIds(message.channel_id, tx)).filter(
      (id) => id !== message.author_id && !done.has(id),
    );
    const marking = markingOfRow(message);
    const rule = this.channels.deployment.rule;
    return (await actorsOf(tx, members))
      .filter((actor) => rule.canSee(actor, marking))
      .map((actor) => actor.userId);
  }
}
