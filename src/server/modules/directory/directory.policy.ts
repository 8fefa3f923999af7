/**
 * Who may do what in the directory, as pure functions of the caller's standing.
 * The commands enforce these and the presenters state them as `actions`, so the
 * web offers only what the server will accept.
 */

/** The caller's standing at desks: their party, roles and the desks they staff. */
export interface DeskViewer {
  party: string | null;
  roles: readonly string[];
  deskIds: readonly string[];
}

/** Administrators keep the directory: parties, units, districts, desks, groups and people. */
export const mayAdministerDirectory = (viewer: { roles: readonly string[] }) =>
  viewer.roles.includes('administrator');

/** Working groups are public; a need-to-know group shows only to its members (and administrators). */
export const maySeeGroup = (
  viewer: { userId: string; roles: readonly string[] },
  group: { kind: string; member_ids: readonly string[] },
) =>
  mayAdministerDirectory(viewer) ||
  group.kind === 'working-group' ||
  group.member_ids.includes(viewer.userId);

/** Disabled accounts show only to administrators; the rest of the directory sees who works now. */
export const maySeePerson = (viewer: { roles: readonly string[] }, person: { disabled_at: Date | null }) =>
  mayAdministerDirectory(viewer) || person.disabled_at === null;

/** Administrators, and supervisors of the desk's own party, keep its roster. */
export const mayKeepRoster = (
  viewer: { party: string | null; roles: readonly string[] },
  desk: { party_code: string },
) =>
  viewer.roles.includes('administrator') ||
  (viewer.roles.includes('supervisor') && viewer.party === desk.party_code);

/** The desk's officers and their party's supervisors write its handover notes. */
export const mayWriteHandoverNotes = (viewer: DeskViewer, desk: { id: string; party_code: string }) =>
  viewer.deskIds.includes(desk.id) ||
  (viewer.roles.includes('supervisor') && viewer.party === desk.party_code);

/** Only its author deletes a handover note. */
export const mayDeleteHandoverNote = (viewer: { userId: string }, note: { author_id: string | null }) =>
  note.author_id === viewer.userId;

/** Administrators disable accounts, but never their own. */
export const mayDisablePerson = (viewer: { userId: string; roles: readonly string[] }, personId: string) =>
  mayAdministerDirectory(viewer) && viewer.userId !== personId;
