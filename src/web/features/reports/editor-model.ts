import type { MarkingView } from '../../../core/directory/schemas';
import {
  type Classification,
  combineClassifications,
  formatBanner,
  formatPortion,
  MarkingError,
} from '../../../core/marking/marking';
import type { ClassificationScheme } from '../../../core/marking/scheme';
import type { ReportView, UpdateReport } from '../../../core/reports/schemas';
import type { MarkingChoice } from '../../components/ClassificationPicker';

/**
 * The report editor's model, apart from the page: the form's values for a new
 * or an existing report, the banner they make, what is sent, and where the
 * server's refusals go.
 */

/** Nothing marked yet: the scheme's lowest level, no caveats, no releasability list. */
const lowestChoice = (scheme: ClassificationScheme): MarkingChoice => ({
  level: scheme.levels[0]?.code ?? '',
  caveats: [],
  relTo: [],
  parties: [],
});

export interface ParagraphDraft {
  /** Keeps each paragraph's fields with it when paragraphs move. */
  key: string;
  /** A paragraph the report already has: it keeps its id (and the names found in it). */
  id?: string;
  heading: string | null;
  text: string;
  marking: MarkingChoice;
}

export interface Draft {
  title: string;
  subject: string;
  tags: string[];
  date: string;
  classificationAuthority: { classifiedBy: string; reasons: string[]; declassifyOn: string };
  headerMarking: MarkingChoice;
  paragraphs: ParagraphDraft[];
}

let nextKey = 0;
export const newParagraph = (scheme: ClassificationScheme): ParagraphDraft => {
  nextKey += 1;
  return { key: `p${nextKey}`, heading: null, text: '', marking: lowestChoice(scheme) };
};

/**
 * A marking as the picker holds it: its releasability list whole, the home
 * nationality included, so that REL TO USA alone stays exactly that.
 */
export const choiceOf = (marking: MarkingView): MarkingChoice => ({
  level: marking.level,
  caveats: marking.caveats,
  relTo: marking.relTo ?? [],
  parties: [],
});

/** The form's values: empty for a new report, the report as it is for an edit. */
export function draftOf(scheme: ClassificationScheme, report: ReportView | undefined): Draft {
  if (!report)
    return {
      title: '',
      subject: '',
      tags: [],
      date: '',
      classificationAuthority: { classifiedBy: '', reasons: [], declassifyOn: '' },
      headerMarking: lowestChoice(scheme),
      paragraphs: [newParagraph(scheme)],
    };
  const authority = report.classificationAuthority;
  return {
    title: report.title,
    subject: report.subject,
    tags: report.tags,
    date: report.date.slice(0, 10),
    classificationAuthority: {
      classifiedBy: authority.classifiedBy ?? '',
      reasons: authority.reasons,
      declassifyOn: authority.declassifyOn?.slice(0, 10) ?? '',
    },
    headerMarking: choiceOf(report.headerMarking),
    paragraphs: report.paragraphs.map((paragraph) => ({
      key: paragraph.id,
      id: paragraph.id,
      heading: paragraph.heading,
      text: paragraph.text,
      marking: choiceOf(paragraph.portion),
    })),
  };
}

export const classificationOf = (choice: MarkingChoice): Classification => ({
  level: choice.level,
  caveats: choice.caveats,
  relTo: choice.relTo.length ? choice.relTo : null,
});

/** The banner the report will carry: the header and every portion combined, as the server will compute it. */
export function bannerPreview(scheme: ClassificationScheme, draft: Draft) {
  try {
    const combined = combineClassifications(
      scheme,
      [draft.headerMarking, ...draft.paragraphs.map((paragraph) => paragraph.marking)].map(classificationOf),
    );
    return {
      marking: {
        level: combined.level,
        banner: formatBanner(scheme, combined),
        portion: formatPortion(scheme, combined),
      },
    };
  } catch (error) {
    if (error instanceof MarkingError) return { problem: error.message };
    throw error;
  }
}

/** The report as the API takes it; a paragraph already saved carries its id (which only an edit sends). */
export function payloadOf(
  scheme: ClassificationScheme,
  draft: Draft,
): Omit<UpdateReport, 'version'> & { title: string } {
  const marking = (choice: MarkingChoice) => ({
    classification: formatBanner(scheme, classificationOf(choice)),
    groups: [],
  });
  const authority = draft.classificationAuthority;
  return {
    title: draft.title,
    subject: draft.subject,
    tags: draft.tags,
    ...(draft.date ? { date: draft.date } : {}),
    classificationAuthority: {
      ...(authority.classifiedBy.trim() ? { classifiedBy: authority.classifiedBy } : {}),
      reasons: authority.reasons,
      ...(authority.declassifyOn ? { declassifyOn: authority.declassifyOn } : {}),
    },
    headerMarking: marking(draft.headerMarking),
    paragraphs: draft.paragraphs.map((paragraph) => ({
      ...(paragraph.id ? { id: paragraph.id } : {}),
      ...(paragraph.heading ? { heading: paragraph.heading } : {}),
      text: paragraph.text,
      marking: marking(paragraph.marking),
    })),
  };
}

/** Does the form hold a value at this dotted path? */
function hasPath(values: unknown, path: string): boolean {
  let current: unknown = values;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object' || !(key in current)) return false;
    current = (current as Record<string, unknown>)[key];
  }
  return true;
}

/**
 * The form field a server issue is about: its path without `body.`, cut back
 * to the nearest field the form holds (`paragraphs.1.marking.classification`
 * → `paragraphs.1.marking`, the paragraph's marking picker); null when none.
 */
export function nearestField(values: unknown, issuePath: string): string | null {
  const parts = issuePath
    .replace(/^body\.?/, '')
    .split('.')
    .filter(Boolean);
  while (parts.length > 0 && !hasPath(values, parts.join('.'))) parts.pop();
  return parts.length > 0 ? parts.join('.') : null;
}

/** The portion mark of a choice, "(S//NF)", or null while it contradicts itself. */
export function portionOf(scheme: ClassificationScheme, choice: MarkingChoice): string | null {
  try {
    return formatPortion(scheme, classificationOf(choice));
  } catch (error) {
    if (error instanceof MarkingError) return null;
    throw error;
  }
}
