import { conflict } from '../../../../core/errors';
import { fullySigned } from '../../../../core/minutes/minutes';
import type { Caller } from '../../../platform/caller';
import { markingOfRow } from '../../../platform/marked-records';
import { type MinutesDeps, minutesContext } from '../minutes.queries';
import { insertChangeRequest, insertSignature, setStatus, versionOf } from '../minutes.repository';
import { lockUnchanged, refuseUnlessAllowed, tellMembers } from './write-minutes';

/** The version a chair acts on must be the current one: they read other words otherwise. */
function requireCurrent(version: number, current: number, what: string) {
  if (version !== current)
    throw conflict(
      'minutes_version_not_current',
      `Version ${version} is not the current one (${current}): read the minutes again and ${what}.`,
    );
}

/**
 * A chair signs the current version for their party, by its digest; when
 * every party has signed it the minutes are signed and read-only. Signing a
 * version that is no longer current is refused: the chair read other words.
 */
export async function signMinutes(deps: MinutesDeps, caller: Caller, meetingId: string, version: number) {
  const context = await minutesContext(deps, caller, meetingId);
  refuseUnlessAllowed('sign', context);
  requireCurrent(version, context.facts.version, 'sign what they say now');
  const party = context.standing.chairOf as string;
  await deps.change(caller, 'minutes.signed', async (unit) => {
    const { tx, now, audit, emit } = unit;
    await lockUnchanged(tx, meetingId, version);
    const current = await versionOf(tx, meetingId, version);
    await insertSignature(tx, {
      meetingId,
      version,
      party,
      userId: caller.actor.userId,
      digest: current?.digest ?? '',
      at: now,
    });
    const signedBy = [...context.facts.signedBy, party];
    const complete = fullySigned({ signingParties: context.facts.signingParties, signedBy });
    if (complete) await setStatus(tx, meetingId, 'signed', now);
    audit({
      subject: { type: 'meeting', id: meetingId },
      after: { party, digest: current?.digest, complete },
      details: { minutesVersion: version },
      marking: markingOfRow(context.meeting),
    });
    emit({
      type: 'minutes.signed',
      subjectType: 'minutes',
      subjectId: meetingId,
      data: { version, party, complete },
    });
    // Signed by every party: the whole group hears the minutes are final.
    if (complete) await tellMembers(deps, unit, context, 'minutes.signed', () => true);
  });
}

/**
 * A chair asks for a change to the circulated version instead of signing it:
 * the request is kept with the version it is about, and the group's writers
 * (its chairs and secretary) hear of it. They answer with a new version.
 */
export async function requestMinutesChange(
  deps: MinutesDeps,
  caller: Caller,
  meetingId: string,
  input: { version: number; note: string },
) {
  const context = await minutesContext(deps, caller, meetingId);
  refuseUnlessAllowed('request-change', context);
  requireCurrent(input.version, context.facts.version, 'ask for a change to what they say now');
  const party = context.standing.chairOf as string;
  await deps.change(caller, 'minutes.change-requested', async (unit) => {
    const { tx, now, audit, emit } = unit;
    await lockUnchanged(tx, meetingId, input.version);
    await insertChangeRequest(tx, {
      meetingId,
      version: input.version,
      party,
      userId: caller.actor.userId,
      note: input.note,
      at: now,
    });
    audit({
      subject: { type: 'meeting', id: meetingId },
      after: { party, note: input.note },
      details: { minutesVersion: input.version },
      marking: markingOfRow(context.meeting),
    });
    emit({
      type: 'minutes.change-requested',
      subjectType: 'minutes',
      subjectId: meetingId,
      data: { version: input.version, party },
    });
    await tellMembers(deps, unit, context, 'minutes.change-requested', (member) => member.office !== null);
  });
}
