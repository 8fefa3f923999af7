import type { Clock } from '../../../core/clock';
import type { Caller } from '../../platform/caller';
import type { Db } from '../../platform/db/database';
import type { DeploymentContext } from '../../platform/deployment-context';
import { type CommitmentFigureRow, commitmentFigures } from '../commitments/commitment-figures.repository';
import type { RequestsQueries } from '../requests/requests.queries';
import { type RfiFigureRow, rfiFigures } from '../requests/rfi-figures.repository';

/** What the figures of a pair are asked for, as the sources take it. */
export interface FigureQuery {
  a: string;
  b: string;
  period: string;
  category?: string | undefined;
  since?: Date | undefined;
  until?: Date | undefined;
}

/**
 * What the ledger's queries run with: the database, the deployment, and the
 * figures other modules keep (requests for information, commitments), each
 * asked under that module's own rule for the caller.
 */
export interface ExchangesDeps {
  db: Db;
  deployment: DeploymentContext;
  rfi: (caller: Caller, query: FigureQuery) => Promise<RfiFigureRow[]>;
  commitments: (caller: Caller, query: FigureQuery) => Promise<CommitmentFigureRow[]>;
}

export function exchangesDeps(deps: {
  db: Db;
  deployment: DeploymentContext;
  clock: Clock;
  requests: Pick<RequestsQueries, 'condition'>;
}): ExchangesDeps {
  const { db, deployment } = deps;
  const timeZone = deployment.deployment.timeZone;
  const today = new Intl.DateTimeFormat('en-CA', { timeZone });
  return {
    db,
    deployment,
    rfi: (caller, query) =>
      rfiFigures(db, deps.requests.condition(caller.actor), {
        ...query,
        timeZone,
        types: deployment.deployment.requestTypes
          .filter((type) => type.ledger === 'answer' && (!query.category || type.category === query.category))
          .map((type) => type.code),
      }),
    commitments: (caller, query) =>
      commitmentFigures(db, deployment.rule.where(caller.actor, 'c'), {
        ...query,
        timeZone,
        today: today.format(deps.clock.now()),
        groups: query.category
          ? deployment.deployment.groups
              .filter((group) => group.category === query.category)
              .map((g) => g.code)
          : undefined,
      }),
  };
}
