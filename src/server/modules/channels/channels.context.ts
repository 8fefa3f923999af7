import { MembershipRule } from '../../../core/channels/membership';
import type { Clock } from '../../../core/clock';
import type { Change } from '../../platform/change';
import type { Db } from '../../platform/db/database';
import type { DeploymentContext } from '../../platform/deployment-context';
import type { ReadAudit } from '../../platform/read-audit';
import { AlertsRepository, PresenceRepository } from './alerts.repository';
import { ChannelsRepository } from './channels.repository';
import { MembersRepository } from './members.repository';
import { MessageDetailsRepository } from './message-details.repository';
import { MessagesRepository } from './messages.repository';

export interface ChannelsOptions {
  /** How long an urgent message waits for an acknowledgement before its recipients are alerted again. */
  urgentRealertSeconds: number;
  /** Someone seen on a live connection (by any instance) this recently counts as online. */
  presenceWindowMs: number;
  /** The users with a live connection to this instance now. */
  onlineHere: () => readonly string[];
}

/**
 * What the channels module's commands and queries are made of. Each command
 * and query names the few of these it needs (`Pick<ChannelsContext, …>`).
 */
export interface ChannelsContext {
  db: Db;
  clock: Clock;
  deployment: DeploymentContext;
  change: Change;
  reads: ReadAudit;
  /** Who sees a channel and its messages: its members who pass the access rule. */
  membership: MembershipRule;
  channels: ChannelsRepository;
  members: MembersRepository;
  messages: MessagesRepository;
  details: MessageDetailsRepository;
  alerts: AlertsRepository;
  presence: PresenceRepository;
  options: ChannelsOptions;
}

export function channelsContext(deps: {
  db: Db;
  clock: Clock;
  deployment: DeploymentContext;
  change: Change;
  reads: ReadAudit;
  options: ChannelsOptions;
}): ChannelsContext {
  const { db } = deps;
  return {
    ...deps,
    membership: new MembershipRule(deps.deployment.rule),
    channels: new ChannelsRepository(db),
    members: new MembersRepository(db),
    messages: new MessagesRepository(db),
    details: new MessageDetailsRepository(db),
    alerts: new AlertsRepository(),
    presence: new PresenceRepository(db),
  };
}
