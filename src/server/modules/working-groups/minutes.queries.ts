import type { Actor } from '../../../core/access/access-rule';
import { notFound } from '../../../core/errors';
import {
  allowedMinutesActions,
  type MinutesFacts,
  type MinutesStanding,
  sectionChanges,
} from '../../../core/minutes/minutes';
import type { Caller } from '../../platform/caller';
import type { Change } from '../../platform/change';
import type { Db } from '../../platform/db/database';
import type { DeploymentContext } from '../../platform/deployment-context';
import { markingOfRow } from '../../platform/marked-records';
import { displayNames } from '../directory/directory-lookups.repository';
import type { NotificationsService } from '../notifications/notifications.service';
import {
  changeRequestsOf,
  meetingOf,
  minutesOf,
  signaturesOf,
  signingParties,
  versionOf,
  versionsOf,
} from './minutes.repository';
import { findGroup, standingOf } from './working-groups.queries';

export interface MinutesDeps {
  db: Db;
  deployment: DeploymentContext;
  change: Change;
  /** Tells the chairs of circulated minutes, the writers of a change asked, the group of signed minutes. */
  notifications?: Pick<NotificationsService, 'notifyAboutMeeting'>;
}

const missing = () => notFound('meeting_not_found', 'There is no such meeting.');

/**
 * The meeting whose minutes the caller may read: a member of its group cleared
 * for the meeting's own marking (a member cleared only for the group's sees
 * the meeting's neutral title and nothing of its minutes). Anyone else gets
 * the 404 of a meeting that does not exist.
 */
export async function minutesContext(deps: MinutesDeps, caller: Caller, meetingId: string) {
  const meeting = await meetingOf(deps.db, meetingId);
  if (!meeting || !deps.deployment.rule.canSee(caller.actor, markingOfRow(meeting))) throw missing();
  const group = await findGroup({ ...deps }, caller, meeting.group_id).catch(() => {
    throw missing();
  });
  const standing = standingOf(caller, group);
  const [minutes, parties, signatures] = await Promise.all([
    minutesOf(deps.db, meetingId),
    signingParties(deps.db, meeting.group_id),
    namedSignatures(deps.db, meetingId),
  ]);
  const version = minutes?.version ?? 0;
  const current = signatures.filter((signature) => signature.version === version);
  const facts: MinutesFacts = {
    status: minutes?.status ?? null,
    version,
    signingParties: parties,
    signedBy: current.map((signature) => signature.party),
  };
  const minutesStanding: MinutesStanding = {
    lead: standing.member && standing.office !== null,
    chairOf: standing.office === 'chair' ? standing.party : null,
  };
  return { meeting, group, facts, standing: minutesStanding, signatures: current };
}

export type MinutesContext = Awaited<ReturnType<typeof minutesContext>>;

/** Each signature with its signer's name (the directory names people). */
async function namedSignatures(db: Db, meetingId: string) {
  const signatures = await signaturesOf(db, meetingId);
  const names = await displayNames(
    db,
    signatures.map((signature) => signature.user_id),
  );
  return signatures.map((signature) => ({ ...signature, signer_name: names.get(signature.user_id) ?? '' }));
}

/** Versions with their writer's name. */
async function named<T extends { written_by: string }>(db: Db, rows: T[]) {
  const names = await displayNames(
    db,
    rows.map((row) => row.written_by),
  );
  return rows.map((row) => ({ ...row, writer_name: names.get(row.written_by) ?? '' }));
}

/** The minutes as the caller reads them, with what they may do. */
export async function viewMinutes(deps: MinutesDeps, caller: Caller, meetingId: string) {
  const context = await minutesContext(deps, caller, meetingId);
  const stored =
    context.facts.version > 0 ? await versionOf(deps.db, meetingId, context.facts.version) : undefined;
  const [current] = stored ? await named(deps.db, [stored]) : [];
  const requests = await changeRequestsOf(deps.db, meetingId);
  const names = await displayNames(
    deps.db,
    requests.map((request) => request.user_id),
  );
  return {
    ...context,
    current,
    changeRequests: requests.map((request) => ({
      ...request,
      requester_name: names.get(request.user_id) ?? '',
    })),
    actions: allowedMinutesActions(context.facts, context.standing),
  };
}

export async function listVersions(deps: MinutesDeps, caller: Caller, meetingId: string) {
  await minutesContext(deps, caller, meetingId);
  const [versions, signatures] = await Promise.all([
    versionsOf(deps.db, meetingId).then((rows) => named(deps.db, rows)),
    signaturesOf(deps.db, meetingId),
  ]);
  return versions.map((version) => ({
    ...version,
    signedBy: signatures.filter((signature) => signature.version === version.version).map((s) => s.party),
  }));
}

export async function viewVersion(deps: MinutesDeps, caller: Caller, meetingId: string, n: number) {
  await minutesContext(deps, caller, meetingId);
  const [stored, before, signatures] = await Promise.all([
    versionOf(deps.db, meetingId, n),
    n > 1 ? versionOf(deps.db, meetingId, n - 1) : Promise.resolve(undefined),
    signaturesOf(deps.db, meetingId),
  ]);
  if (!stored) throw notFound('minutes_version_not_found', 'There is no such version of the minutes.');
  const [version] = await named(deps.db, [stored]);
  if (!version) throw notFound('minutes_version_not_found', 'There is no such version of the minutes.');
  return {
    version,
    signedBy: signatures.filter((signature) => signature.version === n).map((s) => s.party),
    changes: sectionChanges(before?.sections ?? [], version.sections),
  };
}

/** Who hears of a change to a meeting's minutes: whoever may read them (the meeting's marking). */
export async function minutesAudience(deps: MinutesDeps, event: { subjectId: string }) {
  const meeting = await meetingOf(deps.db, event.subjectId);
  return (viewer: { actor: Actor }) =>
    meeting !== undefined && deps.deployment.rule.canSee(viewer.actor, markingOfRow(meeting));
}
