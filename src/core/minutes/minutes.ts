import { z } from 'zod';
import { type ComparedParagraph, type ParagraphChange, paragraphChanges } from '../reports/differences';

/**
 * The minutes of a working group's meeting (issue 16): one section per
 * agenda item, each in any of the three languages, with the decisions taken.
 * Draft → circulated → signed: each party's chair signs the same version (its
 * digest); an edit makes a new version, so a signature of an older one no
 * longer counts; once every party has signed the current version the minutes
 * are signed and read-only.
 */

export const MINUTES_STATUSES = ['draft', 'circulated', 'signed'] as const;
export type MinutesStatus = (typeof MINUTES_STATUSES)[number];

/** The longest section: a long meeting's discussion, not a document dump. */
export const SECTION_MAX = 50_000;

export const minutesSectionSchema = z.strictObject({
  heading: z
    .string()
    .trim()
    .min(1, 'Give the section a heading')
    .max(300, 'A heading is at most 300 characters'),
  text: z.string().max(SECTION_MAX, `A section is at most ${SECTION_MAX.toLocaleString('en')} characters`),
  decisions: z
    .array(
      z.string().trim().min(1, 'A decision is empty').max(2000, 'A decision is at most 2,000 characters'),
    )
    .max(50, 'At most 50 decisions in a section')
    .default([]),
});
export type MinutesSection = z.infer<typeof minutesSectionSchema>;

export const saveMinutesSchema = z.strictObject({
  sections: z
    .array(minutesSectionSchema)
    .min(1, 'Write at least one section')
    .max(100, 'At most 100 sections'),
  /** The version the writer started from (0 for none): a save over a newer one is refused, not lost. */
  baseVersion: z.number().int().min(0),
});
export type SaveMinutes = z.infer<typeof saveMinutesSchema>;

export const signMinutesSchema = z.strictObject({
  /** The version the chair read and signs: only the current one may be signed. */
  version: z.number().int().min(1),
});

/** A chair asks the writers to change the circulated version before their party signs it. */
export const requestMinutesChangeSchema = z.strictObject({
  /** The version the chair read: a request about an older one is refused, like a signature. */
  version: z.number().int().min(1),
  note: z
    .string()
    .trim()
    .min(1, 'Say what should change')
    .max(2000, 'A request for a change is at most 2,000 characters'),
});

/** A section as the version history compares it (reports' word-level differences). */
const compared = (section: MinutesSection): ComparedParagraph => ({
  heading: section.heading,
  text: [section.text, ...section.decisions.map((decision) => `• ${decision}`)].join('\n'),
  portion: '',
});

/** How one version's sections became the next's, word by word. */
export function sectionChanges(
  before: readonly MinutesSection[],
  after: readonly MinutesSection[],
): ParagraphChange<ComparedParagraph>[] {
  return paragraphChanges(before.map(compared), after.map(compared));
}

/** The exact text a chair signs, in one canonical form: the digest is taken over it. */
export const canonicalText = (sections: readonly MinutesSection[]) =>
  JSON.stringify(sections.map((section) => [section.heading, section.text, section.decisions]));

/** What the minutes' actions are decided on. */
export interface MinutesFacts {
  status: MinutesStatus | null;
  version: number;
  /** The parties whose chair must sign (those with a chair in the group). */
  signingParties: readonly string[];
  /** Parties that signed the current version. */
  signedBy: readonly string[];
}

/** How the caller stands: a lead writes and circulates; a chair signs for their party. */
export interface MinutesStanding {
  lead: boolean;
  chairOf: string | null;
}

/** `request-change`: a chair asks for a change to the circulated version instead of signing it. */
export type MinutesAction = 'write' | 'circulate' | 'sign' | 'request-change';
export const MINUTES_ACTIONS: readonly MinutesAction[] = ['write', 'circulate', 'sign', 'request-change'];

export type MinutesRefusalCode =
  | 'minutes_signed'
  | 'not_a_lead'
  | 'minutes_not_draft'
  | 'not_a_chair'
  | 'minutes_not_circulated'
  | 'minutes_signed_by_party';

/** Why `action` may not be taken now, or null when it may: policy as data for the presenter and the commands. */
export function minutesRefusal(
  action: MinutesAction,
  facts: MinutesFacts,
  standing: MinutesStanding,
): { code: MinutesRefusalCode; kind: 'forbidden' | 'conflict'; message: string } | null {
  if (facts.status === 'signed')
    return { code: 'minutes_signed', kind: 'conflict', message: 'Signed minutes are read-only.' };
  if (action === 'write' || action === 'circulate') {
    if (!standing.lead)
      return {
        code: 'not_a_lead',
        kind: 'forbidden',
        message: "Only the group's chairs and secretary write and circulate its minutes.",
      };
    if (action === 'circulate' && facts.status !== 'draft')
      return {
        code: 'minutes_not_draft',
        kind: 'conflict',
        message: facts.status === null ? 'Write the minutes first.' : 'The minutes are circulated already.',
      };
    return null;
  }
  if (standing.chairOf === null || !facts.signingParties.includes(standing.chairOf))
    return {
      code: 'not_a_chair',
      kind: 'forbidden',
      message:
        action === 'sign'
          ? "Only a party's chair signs the minutes."
          : "Only a party's chair asks for a change before signing.",
    };
  if (facts.status !== 'circulated')
    return {
      code: 'minutes_not_circulated',
      kind: 'conflict',
      message:
        action === 'sign'
          ? 'Minutes are signed once circulated.'
          : 'A change is asked of circulated minutes: the writers are still drafting.',
    };
  if (facts.signedBy.includes(standing.chairOf))
    return {
      code: 'minutes_signed_by_party',
      kind: 'conflict',
      message: 'Your party has signed this version.',
    };
  return null;
}

export const allowedMinutesActions = (facts: MinutesFacts, standing: MinutesStanding): MinutesAction[] =>
  MINUTES_ACTIONS.filter((action) => minutesRefusal(action, facts, standing) === null);

/** Whether the current version is signed by every party that signs. */
export const fullySigned = (facts: Pick<MinutesFacts, 'signingParties' | 'signedBy'>) =>
  facts.signingParties.length > 0 && facts.signingParties.every((party) => facts.signedBy.includes(party));
