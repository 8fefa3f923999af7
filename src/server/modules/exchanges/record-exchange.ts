import type { Unit } from '../../platform/change';
import { type ExchangeRecord, insertExchange } from './exchanges.repository';

/**
 * Puts an item on the ledger in the transaction of the act that passed it,
 * and tells whoever may count it (their dashboards refresh): the capabilities
 * (releases, answers, completions, shares, confirmed commitments) call this.
 */
export async function recordExchange(
  unit: Pick<Unit, 'tx' | 'emit'>,
  record: ExchangeRecord,
): Promise<string> {
  const id = await insertExchange(unit.tx, record);
  unit.emit({ type: 'exchange.recorded', subjectType: 'exchange', subjectId: id });
  return id;
}
