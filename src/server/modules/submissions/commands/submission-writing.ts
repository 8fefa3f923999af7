import type { z } from 'zod';
import { badRequest, conflict, forbidden } from '../../../../core/errors';
import { GENERAL_CATEGORY } from '../../../../core/exchanges/ledger';
import { holdsAny, SUBMISSION_WRITER_ROLES } from '../../../../core/identity/roles';
import { formatPortion, type Marking } from '../../../../core/marking/marking';
import { releasableTo } from '../../../../core/reports/releases';
import type { portionMarkingInputSchema } from '../../../../core/reports/schemas';
import { searchExtraOf } from '../../../../core/search/search-text';
import type { ReleaseInstruction, releaseInstructionInputSchema } from '../../../../core/submissions/schemas';
import type { Caller } from '../../../platform/caller';
import type { Unit } from '../../../platform/change';
import { markingOfRow, markingToColumns, resolveMarking } from '../../../platform/marked-records';
import { coordinatorParties, partyKind } from '../../../platform/parties.repository';
import { findEntry } from '../../directory/places.repository';
import { recordExchange } from '../../exchanges/record-exchange';
import type { SubmissionsDeps } from '../submissions.deps';
import type { PortionRow, SubmissionRow } from '../submissions.repository';

/** A portion as a command writes it: its text, its marking and its release instruction. */
export interface NewPortion {
  heading: string | null;
  text: string;
  marking: Marking;
  instruction: ReleaseInstruction;
  toParty: string | null;
}

/** The caller's party, when they may write submissions: a party's officers, duty officers and supervisors. */
export async function writerParty({ db }: Pick<SubmissionsDeps, 'db'>, caller: Caller): Promise<string> {
  const party = caller.actor.party;
  const ofParty = party !== null && (await partyKind(db, party)) === 'party';
  if (!ofParty || !holdsAny(caller.roles, SUBMISSION_WRITER_ROLES))
    throw forbidden(
      'may_not_write_submissions',
      "Submissions to the coordinator are written by a party's officers, duty officers and supervisors.",
    );
  return party;
}

/** The coordinator submissions are addressed to: the deployment's (first) coordinating party. */
export async function coordinatorParty({ db }: Pick<SubmissionsDeps, 'db'>): Promise<string> {
  const [coordinator] = await coordinatorParties(db);
  if (!coordinator)
    throw conflict('no_coordinator', 'This deployment has no coordinator to address a submission to.');
  return coordinator;
}

/** A party that may receive a release: a party of the deployment (not a coordinator), with its nationalities. */
export async function receivingParty(deps: Pick<SubmissionsDeps, 'db'>, code: string, path: string) {
  const party = await findEntry(deps.db, 'parties', 'code', code);
  if (party?.kind !== 'party')
    throw badRequest('unknown_party', `There is no party ${code} to release to.`, [
      { path, message: 'Not a party' },
    ]);
  return party;
}

/**
 * The portions as the writer gave them: each marking checked against the
 * scheme and the writer, held by the owner and the coordinator alone; each
 * instruction naming a party other than the owner, to which the marking
 * allows the portion to go.
 */
export async function portionsFrom(
  deps: Pick<SubmissionsDeps, 'db' | 'deployment'>,
  caller: Caller,
  parties: { owner: string; coordinator: string },
  input: {
    heading?: string | undefined;
    text: string;
    marking: z.output<typeof portionMarkingInputSchema>;
    release: z.output<typeof releaseInstructionInputSchema>;
  }[],
): Promise<NewPortion[]> {
  const portions: NewPortion[] = [];
  for (const [i, portion] of input.entries()) {
    const path = `body.portions.${i}`;
    const marking = await resolveMarking(
      deps.db,
      deps.deployment,
      caller,
      { ...portion.marking, parties: [parties.owner, parties.coordinator] },
      `${path}.marking`,
    );
    const { instruction, toParty } = portion.release;
    if (instruction === 'not-releasable') {
      if (toParty)
        throw badRequest('instruction_names_no_party', 'A portion that is not releasable names no party.', [
          { path: `${path}.release.toParty`, message: 'Leave it out, or make the portion releasable' },
        ]);
    } else {
      if (!toParty)
        throw badRequest('instruction_needs_party', 'Name the party the portion may be released to.', [
          { path: `${path}.release.toParty`, message: 'Name the party, e.g. ISF' },
        ]);
      const party = await receivingParty(deps, toParty, `${path}.release.toParty`);
      if (party.code === parties.owner)
        throw badRequest(
          'instruction_names_owner',
          'A portion is released to another party, not to its own.',
          [{ path: `${path}.release.toParty`, message: 'Name the other party' }],
        );
      if (!releasableTo(deps.deployment.scheme, marking, party.nationalities))
        throw badRequest(
          'instruction_against_marking',
          `Portion ${i + 1} is marked ${formatPortion(deps.deployment.scheme, marking)}: its marking does not allow it to go to ${party.code}.`,
          [{ path: `${path}.release.toParty`, message: `The marking does not allow ${party.code}` }],
          { portion: i + 1, party: party.code },
        );
    }
    portions.push({
      heading: portion.heading ?? null,
      text: portion.text,
      marking,
      instruction,
      toParty: instruction === 'not-releasable' ? null : (toParty ?? null),
    });
  }
  return portions;
}

/** The columns of a portion row. */
export const portionColumns = (portion: NewPortion) => ({
  heading: portion.heading,
  body: portion.text,
  instruction: portion.instruction,
  instruction_party: portion.toParty,
  ...markingToColumns(portion.marking),
});

/** Today's date where the deployment is. */
const today = ({ deployment }: Pick<SubmissionsDeps, 'deployment'>, now: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: deployment.deployment.timeZone }).format(now);

/**
 * Inside a change: releases these portions of the submission to the party,
 * as a report release is made (a frozen copy the receiving party reads, the
 * original never), and records the exchange from the owner to that party
 * through the coordinator. The copy's audience is the receiving party, the
 * coordinator and the owner, who sees what of theirs went out. Returns the
 * release's id.
 */
export async function makeRelease(
  deps: Pick<SubmissionsDeps, 'releases' | 'deployment'>,
  unit: Pick<Unit, 'tx' | 'now' | 'emit'>,
  release: {
    submission: Pick<
      SubmissionRow,
      'id' | 'version' | 'title' | 'subject' | 'owner_party' | 'coordinator_party'
    > &
      Parameters<typeof markingOfRow>[0];
    portions: PortionRow[];
    toParty: string;
    note: string;
    by: string;
  },
): Promise<string> {
  const { tx, now } = unit;
  const { submission, toParty } = release;
  const audience = (marking: Marking): Marking => ({
    ...marking,
    parties: [...new Set([submission.coordinator_party, toParty, submission.owner_party])].sort(),
  });
  const releaseId = await deps.releases.insertRelease(tx, {
    report_id: null,
    submission_id: submission.id,
    origin_party: submission.owner_party,
    report_version: submission.version,
    to_party: toParty,
    from_party: submission.coordinator_party,
    title: submission.title,
    subject: submission.subject,
    tags: [],
    report_date: today(deps, now),
    note: release.note,
    released_by: release.by,
    released_at: now,
    ...markingToColumns(audience(markingOfRow(submission))),
  });
  for (const [position, portion] of release.portions.entries())
    await deps.releases.insertParagraph(tx, {
      release_id: releaseId,
      position,
      number: position + 1,
      heading: portion.heading,
      body: portion.body,
      search_extra: searchExtraOf({ heading: portion.heading, text: portion.body }),
      source_portion_id: portion.id,
      ...markingToColumns(audience(markingOfRow(portion))),
    });
  await recordExchange(unit, {
    from_party: submission.owner_party,
    to_party: toParty,
    through_party: submission.coordinator_party,
    kind: 'submission-release',
    category: GENERAL_CATEGORY,
    subject_type: 'report-release',
    subject_id: releaseId,
    source_type: 'submission',
    source_id: submission.id,
    at: now,
    marking: audience(markingOfRow(submission)),
  });
  return releaseId;
}
