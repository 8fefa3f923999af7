import type { MarkingView } from '../../core/directory/schemas';
import { badRequest } from '../../core/errors';
import {
  formatBanner,
  formatPortion,
  type Marking,
  MarkingError,
  parseMarking,
} from '../../core/marking/marking';
import type { ClassificationScheme } from '../../core/marking/scheme';
import type { Caller } from './caller';
import type { Db } from './db/database';
import type { MarkingColumns } from './db/schema';
import type { DeploymentContext } from './deployment-context';
import { knownGroupCodes, knownPartyCodes } from './parties.repository';

/** Marking to the columns the access rule reads, and back; every marked table goes through these two. */
export const markingToColumns = (marking: Marking): MarkingColumns => ({
  marking_level: marking.level,
  marking_caveats: marking.caveats,
  marking_rel_to: marking.relTo,
  marking_parties: marking.parties,
  marking_groups: marking.groups,
});

export const markingOfRow = (row: MarkingColumns): Marking => ({
  level: row.marking_level,
  caveats: row.marking_caveats,
  relTo: row.marking_rel_to,
  parties: row.marking_parties,
  groups: row.marking_groups,
});

export const presentMarking = (scheme: ClassificationScheme, marking: Marking): MarkingView => ({
  ...marking,
  banner: formatBanner(scheme, marking),
  portion: formatPortion(scheme, marking),
});

export interface MarkingRequest {
  /** A banner or portion mark in the deployment's scheme. */
  classification: string;
  /** Party codes of the audience. */
  parties: readonly string[];
  /** Need-to-know group codes. */
  groups: readonly string[];
}

/**
 * Reads the marking an author asked for into a Marking, checking the parties
 * and groups exist, and refuses one that would hide the record from its own
 * author. `path` names the body field in error messages (e.g. "body.marking").
 */
export async function resolveMarking(
  db: Db,
  { scheme, rule }: DeploymentContext,
  /** The author, who must be able to see what they mark; null for the system (an import from the command line). */
  caller: Caller | null,
  input: MarkingRequest,
  path: string,
): Promise<Marking> {
  let classification: ReturnType<typeof parseMarking>;
  try {
    classification = parseMarking(scheme, input.classification);
  } catch (error) {
    if (error instanceof MarkingError)
      throw badRequest('invalid_marking', error.message, [
        { path: `${path}.classification`, message: error.message },
      ]);
    throw error;
  }
  const parties = [...new Set(input.parties)].sort();
  const known = await knownPartyCodes(db);
  const unknownParties = parties.filter((code) => !known.has(code));
  if (unknownParties.length)
    throw badRequest('unknown_party', `Unknown party: ${unknownParties.join(', ')}.`, [], {
      party: unknownParties.join(', '),
    });
  const groups = [...new Set(input.groups)].sort();
  const knownGroups = await knownGroupCodes(db, groups);
  const unknownGroups = groups.filter((code) => !knownGroups.has(code));
  if (unknownGroups.length)
    throw badRequest('unknown_group', `Unknown group: ${unknownGroups.join(', ')}.`, [
      { path: `${path}.groups`, message: `Unknown group: ${unknownGroups.join(', ')}.` },
    ]);
  const marking: Marking = { ...classification, parties, groups };
  if (caller && !rule.canSee(caller.actor, marking)) {
    throw badRequest(
      'marking_hides_from_author',
      'With this marking you could not see the record yourself: check the level against your clearance, the audience, releasability and groups.',
    );
  }
  return marking;
}
