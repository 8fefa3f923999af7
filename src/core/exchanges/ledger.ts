/**
 * The ledger of information exchanges (issue 17), as policy in data: what
 * kinds of item pass between the parties, which act of which capability puts
 * one on the ledger, and the measures read from it. Each definition here is
 * also what the page and the API say, so each party can check the numbers
 * against its own records.
 */

/**
 * What passed: a report released to a party; a party's submission released
 * onward by the coordinator; the answer to a request for information; a
 * coordination request completed by the side that delivered it; something
 * shared in a working group's channel as information; a commitment delivered
 * and confirmed.
 */
export const EXCHANGE_KINDS = [
  'release',
  'submission-release',
  'rfi-answer',
  'request-completed',
  'share',
  'commitment',
] as const;
export type ExchangeKind = (typeof EXCHANGE_KINDS)[number];

/** The category of an item whose capability names none (the deployment may list it among its own). */
export const GENERAL_CATEGORY = 'general';

/**
 * When a request's move puts an item on the ledger: a request type that is
 * answered with information (`ledger: answer`, an RFI) records the answer; any
 * other records the help delivered when the request is completed.
 */
export function requestExchangeKind(
  ledger: 'answer' | 'completion',
  action: string,
  to: string,
): ExchangeKind | null {
  if (ledger === 'answer')
    return to === 'approved' || to === 'approved-with-conditions' ? 'rfi-answer' : null;
  return to === 'completed' && (action === 'complete' || action === 'hand-over') ? 'request-completed' : null;
}

/** The periods the measures are counted in. */
export const PERIODS = ['week', 'month', 'quarter', 'year'] as const;
export type Period = (typeof PERIODS)[number];

/**
 * The asymmetry index of a pair: items A→B minus items B→A, over their sum;
 * from −1 (everything flowed from B) to 1 (everything from A); null when
 * nothing passed either way.
 */
export function asymmetryIndex(aToB: number, bToA: number): number | null {
  const total = aToB + bToA;
  return total === 0 ? null : (aToB - bToA) / total;
}

/** The definitions the page and the API state beside the figures. */
export const DEFINITIONS = {
  items:
    'Items each way: records on the ledger from one party to the other in the period (by the time of the act), less those a correction cancelled; only records of which you may open the one they point to.',
  asymmetry:
    'Asymmetry index: items A→B minus items B→A, over their sum; from −1 (all from B) to 1 (all from A); empty when nothing passed.',
  requestsForInformation:
    'Requests for information asked by one party of the other, by the time they were sent: how many, how many were answered (not denied), how many of those within the deadline to answer, and the median and 90th percentile of the minutes from sending to acknowledgement and to the answer; only requests you may see.',
  commitments:
    'Commitments a party made in a working group the other party belongs to, by the time they were raised: how many, how many the other side confirmed as delivered, and how many are still owed past their due date today; only commitments you may see.',
} as const;
