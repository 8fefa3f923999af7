import { badRequest } from '../../../../core/errors';
import type { Marking } from '../../../../core/marking/marking';
import { CableParseError, type ParsedCable, parseCable } from '../../../../core/reports/cable';
import type { Caller } from '../../../platform/caller';
import { constraintViolation } from '../../../platform/db/constraints';
import type { DeploymentContext } from '../../../platform/deployment-context';
import { markingOfRow } from '../../../platform/marked-records';
import { coordinatorParties } from '../../../platform/parties.repository';
import type { ReportsDeps } from '../reports.deps';
import { authorParty, type NewReport, today, writeReport } from './report-writing';

/**
 * Imports a diplomatic telegram as a report of the coordinator's. The same
 * cable (originator and serial) imported again is the same report, and
 * nothing changes. `caller` null: the command line, acting as the system.
 *
 * A report of the same cable that the caller may not read does not exist for
 * them: their import makes a copy of its own (source key `key~n`), so that
 * the answer never tells a prober which hidden cables are here.
 */
export async function importCable(
  deps: ReportsDeps,
  caller: Caller | null,
  text: string,
): Promise<{ id: string; number: string; created: boolean }> {
  const cable = parse(deps.deployment, text);
  // Who may import, and whether they may read all of it, is settled before anyone learns the cable is here.
  const party = caller ? await authorParty(deps, caller) : await coordinatorParty(deps);
  const mark = (classification: ParsedCable['classification'], path: string) =>
    checkedMarking(deps.deployment, caller, { ...classification, parties: [party], groups: [] }, path);
  const source = {
    originator: cable.originator,
    serial: cable.serial,
    sipdis: cable.sipdis,
    distribution: cable.distribution,
    executiveOrder: cable.executiveOrder,
    signature: cable.signature,
  };
  const report: NewReport = {
    title: cable.subject,
    subject: cable.subject,
    tags: cable.tags,
    date: today(deps),
    classifiedBy: cable.classifiedBy,
    reasons: cable.reasons,
    declassifyOn: cable.declassifyOn,
    // An unmarked subject is held at the cable's own classification.
    headerMarking: mark(cable.classification, 'body'),
    paragraphs: cable.paragraphs.map((paragraph, i) => ({
      number: paragraph.number,
      heading: paragraph.heading,
      text: paragraph.text,
      anchor: paragraph.anchor,
      marking: mark(paragraph.portion, `body.paragraphs.${i}`),
      mentions: paragraph.mentions,
    })),
    source: { key: cable.key, details: source },
  };
  for (let attempt = 0; ; attempt += 1) {
    const copies = await deps.reports.fromSource(cable.key);
    const readable = copies.find(
      (copy) => !caller || deps.deployment.rule.canSee(caller.actor, markingOfRow(copy)),
    );
    if (readable) return { id: readable.id, number: readable.number, created: false };
    const key = copies.length === 0 ? cable.key : `${cable.key}~${copies.length}`;
    try {
      const id = await writeReport(deps, caller, party, { ...report, source: { key, details: source } });
      const [written] = (await deps.reports.fromSource(cable.key)).filter((copy) => copy.id === id);
      return { id, number: written?.number ?? '0', created: true };
    } catch (error) {
      // Imported by someone else meanwhile: theirs stands if the caller may read it, else a copy is made.
      if (constraintViolation(error)?.kind !== 'unique' || attempt >= 2) throw error;
    }
  }
}

function parse({ scheme }: DeploymentContext, text: string): ParsedCable {
  try {
    return parseCable(text, scheme);
  } catch (error) {
    if (error instanceof CableParseError)
      throw badRequest('cable_unreadable', `The cable could not be read: ${error.message}`, [
        { path: `body.line.${error.line}`, message: error.message },
      ]);
    throw error;
  }
}

/** A marking taken from a document: the importer must be able to read what they import. */
function checkedMarking(
  { rule }: DeploymentContext,
  caller: Caller | null,
  marking: Marking,
  path: string,
): Marking {
  if (caller && !rule.canSee(caller.actor, marking))
    throw badRequest(
      'marking_hides_from_author',
      'This cable holds portions you are not cleared to read; someone cleared for all of it imports it.',
      [{ path, message: 'Above your clearance or releasability' }],
    );
  return marking;
}

async function coordinatorParty({ db }: Pick<ReportsDeps, 'db'>): Promise<string> {
  const [party] = await coordinatorParties(db);
  if (!party)
    throw badRequest('no_coordinator', 'The deployment has no coordinator party to hold imported cables.');
  return party;
}
