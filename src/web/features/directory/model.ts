import type { DeskDto, DirectoryUserDto } from '../../../core/directory/schemas';
import type { Directory } from './api';

/**
 * Desks as they are shown: each with its counterpart beside it, the parties
 * in the deployment's order (so ISF is always on the same side of PASF).
 */
export function pairDesks(desks: readonly DeskDto[], partyOrder: readonly string[]): DeskDto[][] {
  const rank = (desk: DeskDto) => partyOrder.indexOf(desk.partyCode);
  const sorted = [...desks].sort((a, b) => rank(a) - rank(b));
  const placed = new Set<string>();
  const rows: DeskDto[][] = [];
  for (const desk of sorted) {
    if (placed.has(desk.id)) continue;
    const counterpart = sorted.find((other) => other.id === desk.counterpartId && !placed.has(other.id));
    const row = counterpart ? [desk, counterpart] : [desk];
    for (const member of row) placed.add(member.id);
    rows.push(row);
  }
  return rows;
}

export function meIn(directory: Directory, userId: string): DirectoryUserDto | undefined {
  return directory.users.find((user) => user.id === userId);
}

/** My desks, and the desks paired with them. */
export function deskRelations(directory: Directory, userId: string) {
  const mine = new Set(meIn(directory, userId)?.deskIds ?? []);
  const counterparts = new Set(
    directory.desks
      .filter((desk) => mine.has(desk.id) && desk.counterpartId)
      .map((desk) => desk.counterpartId),
  );
  return (desk: DeskDto) => (mine.has(desk.id) ? 'mine' : counterparts.has(desk.id) ? 'counterpart' : null);
}
