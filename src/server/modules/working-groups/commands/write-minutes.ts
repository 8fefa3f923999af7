import { createHash } from 'node:crypto';
import { type AppError, conflict, forbidden } from '../../../../core/errors';
import {
  canonicalText,
  type MinutesAction,
  type MinutesRefusalCode,
  minutesRefusal,
  type SaveMinutes,
} from '../../../../core/minutes/minutes';
import { actorsOf } from '../../../platform/actors.repository';
import type { Caller } from '../../../platform/caller';
import type { Unit } from '../../../platform/change';
import { markingOfRow } from '../../../platform/marked-records';
import { type MinutesContext, type MinutesDeps, minutesContext } from '../minutes.queries';
import { minutesOf, setStatus, versionOf, writeVersion } from '../minutes.repository';

/** The digest a chair signs: SHA-256 of the sections' canonical text. */
export const digestOf = (sections: SaveMinutes['sections']) =>
  createHash('sha256').update(canonicalText(sections)).digest('hex');

/** Each refusal of the minutes' policy as the problem it answers. */
const REFUSED: Record<MinutesRefusalCode, (message: string) => AppError> = {
  minutes_signed: (message) => conflict('minutes_signed', message),
  not_a_lead: (message) => forbidden('not_a_lead', message),
  minutes_not_draft: (message) => conflict('minutes_not_draft', message),
  not_a_chair: (message) => forbidden('not_a_chair', message),
  minutes_not_circulated: (message) => conflict('minutes_not_circulated', message),
  minutes_signed_by_party: (message) => conflict('minutes_signed_by_party', message),
};

export function refuseUnlessAllowed(action: MinutesAction, context: MinutesContext) {
  const refusal = minutesRefusal(action, context.facts, context.standing);
  if (refusal) throw REFUSED[refusal.code](refusal.message);
}

/** Locks the minutes row and checks nobody changed them since the caller read them. */
export async function lockUnchanged(tx: Parameters<typeof minutesOf>[0], meetingId: string, version: number) {
  const locked = await minutesOf(tx, meetingId, true);
  if ((locked?.version ?? 0) !== version)
    throw conflict('minutes_changed', 'Someone saved the minutes meanwhile: read them again.');
  return locked;
}

/**
 * Saves the minutes as a new version (a chair or the secretary). An edit after
 * a signature makes the signature that of an older version: it no longer
 * counts, and the history shows what changed. Saving the same text again
 * changes nothing.
 */
export async function writeMinutes(deps: MinutesDeps, caller: Caller, meetingId: string, input: SaveMinutes) {
  const context = await minutesContext(deps, caller, meetingId);
  refuseUnlessAllowed('write', context);
  if (input.baseVersion !== context.facts.version)
    throw conflict('minutes_changed', 'Someone saved the minutes meanwhile: read them again.');
  const digest = digestOf(input.sections);
  if (
    context.facts.version > 0 &&
    (await versionOf(deps.db, meetingId, context.facts.version))?.digest === digest
  )
    return;
  await deps.change(caller, 'minutes.written', async ({ tx, now, audit, emit }) => {
    const locked = await lockUnchanged(tx, meetingId, context.facts.version);
    const version = context.facts.version + 1;
    await writeVersion(
      tx,
      { meetingId, version, sections: input.sections, digest, by: caller.actor.userId, at: now },
      locked?.status ?? 'draft',
    );
    audit({
      subject: { type: 'meeting', id: meetingId },
      after: { version, digest, voided: context.facts.signedBy },
      details: { minutesVersion: version },
      marking: markingOfRow(context.meeting),
    });
    emit({ type: 'minutes.written', subjectType: 'minutes', subjectId: meetingId, data: { version } });
  });
}

/** Sends the draft to the chairs for signature. */
export async function circulateMinutes(deps: MinutesDeps, caller: Caller, meetingId: string) {
  const context = await minutesContext(deps, caller, meetingId);
  refuseUnlessAllowed('circulate', context);
  await deps.change(caller, 'minutes.circulated', async (unit) => {
    const { tx, now, audit, emit } = unit;
    await lockUnchanged(tx, meetingId, context.facts.version);
    await setStatus(tx, meetingId, 'circulated', now);
    audit({
      subject: { type: 'meeting', id: meetingId },
      details: { minutesVersion: context.facts.version },
      marking: markingOfRow(context.meeting),
    });
    emit({
      type: 'minutes.circulated',
      subjectType: 'minutes',
      subjectId: meetingId,
      data: { version: context.facts.version },
    });
    // The chairs who sign hear that the minutes wait for them.
    await tellMembers(
      deps,
      unit,
      context,
      'minutes.circulated',
      (member) => context.facts.signingParties.includes(member.party ?? '') && member.office === 'chair',
    );
  });
}

/**
 * Inside a change: tells the members of the meeting's group that `pick`
 * chooses (never the caller) and that may read the minutes (the meeting's
 * marking), by bell, live event and e-mail when configured.
 */
export async function tellMembers(
  deps: MinutesDeps,
  unit: Unit,
  context: MinutesContext,
  kind: 'minutes.circulated' | 'minutes.change-requested' | 'minutes.signed',
  pick: (member: MinutesContext['group']['members'][number]) => boolean,
) {
  if (!deps.notifications) return;
  const chosen = context.group.members
    .filter((member) => member.id !== unit.caller?.actor.userId && pick(member))
    .map((member) => member.id);
  const marking = markingOfRow(context.meeting);
  const recipients = (await actorsOf(unit.tx, chosen))
    .filter((actor) => deps.deployment.rule.canSee(actor, marking))
    .map((actor) => actor.userId);
  await deps.notifications.notifyAboutMeeting(unit, recipients, {
    kind,
    meetingId: context.meeting.id,
    at: unit.now,
  });
}
