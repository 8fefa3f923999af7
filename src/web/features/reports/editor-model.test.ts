import { describe, expect, it } from 'vitest';
import { US_SCHEME } from '../../../../test/support/marking-fixtures';
import type { MarkingView } from '../../../core/directory/schemas';
import type { ReportView } from '../../../core/reports/schemas';
import type { MarkingChoice } from '../../components/ClassificationPicker';
import {
  bannerPreview,
  type Draft,
  draftOf,
  nearestField,
  newParagraph,
  payloadOf,
  portionOf,
} from './editor-model';

const choice = (level: string, caveats: string[] = [], relTo: string[] = []): MarkingChoice => ({
  level,
  caveats,
  relTo,
  parties: [],
});

const draftWith = (...markings: MarkingChoice[]): Draft => ({
  ...draftOf(US_SCHEME, undefined),
  title: 'Weekly coordination',
  paragraphs: markings.map((marking, i) => ({
    ...newParagraph(US_SCHEME),
    text: `Paragraph ${i + 1}`,
    marking,
  })),
});

const view = (level: string, caveats: string[], relTo: string[] | null, portion: string): MarkingView => ({
  level,
  caveats,
  relTo,
  parties: ['USSC'],
  groups: [],
  banner: '',
  portion,
});

describe('the report editor model', () => {
  it('previews the banner the server computes: highest level, every caveat, common releasability', () => {
    expect(
      bannerPreview(US_SCHEME, draftWith(choice('S', ['NOFORN']), choice('C', [], ['GBR']), choice('U'))),
    ).toMatchObject({ marking: { level: 'S', banner: 'SECRET//NOFORN', portion: '(S//NF)' } });
    expect(
      bannerPreview(
        US_SCHEME,
        draftWith(choice('C', [], ['GBR', 'CAN']), choice('U'), choice('C', [], ['GBR'])),
      ),
    ).toMatchObject({ marking: { banner: 'CONFIDENTIAL//REL TO USA, GBR' } });
    expect(bannerPreview(US_SCHEME, draftWith(choice('U')))).toMatchObject({
      marking: { banner: 'UNCLASSIFIED' },
    });
  });

  it('says what is wrong instead of a banner when a marking contradicts itself', () => {
    expect(bannerPreview(US_SCHEME, draftWith(choice('S', ['NOFORN'], ['GBR'])))).toHaveProperty('problem');
    expect(portionOf(US_SCHEME, choice('S', ['NOFORN'], ['GBR']))).toBeNull();
    expect(portionOf(US_SCHEME, choice('C', [], ['GBR']))).toBe('(C//REL TO USA, GBR)');
  });

  it('sends each paragraph with its marking as a banner, and leaves out what was left empty', () => {
    const payload = payloadOf(US_SCHEME, draftWith(choice('S', ['NOFORN']), choice('C', [], ['GBR'])));
    expect(payload.paragraphs).toEqual([
      { text: 'Paragraph 1', marking: { classification: 'SECRET//NOFORN', groups: [] } },
      { text: 'Paragraph 2', marking: { classification: 'CONFIDENTIAL//REL TO USA, GBR', groups: [] } },
    ]);
    expect(payload).not.toHaveProperty('date');
    expect(payload.classificationAuthority).toEqual({ reasons: [] });
  });

  it('edits a report as it is: paragraphs keep their ids and headings, REL TO lists keep their nationalities', () => {
    const report = {
      title: 'Cable',
      subject: 'Subject',
      tags: ['PGOV'],
      date: '2026-11-29',
      classificationAuthority: {
        classifiedBy: 'CG Daniel Rubinstein',
        reasons: ['1.4 (b)'],
        declassifyOn: '2020-02-16',
      },
      headerMarking: view('C', [], null, '(C)'),
      paragraphs: [
        {
          id: 'p-1',
          number: 1,
          heading: 'Summary',
          text: 'One',
          anchor: null,
          mentions: [],
          portion: view('S', ['NOFORN'], null, '(S//NF)'),
        },
        {
          id: 'p-2',
          number: 2,
          heading: null,
          text: 'Two',
          anchor: null,
          mentions: [],
          portion: view('C', [], ['USA', 'GBR'], '(C//REL TO USA, GBR)'),
        },
      ],
    } as unknown as ReportView;
    const draft = draftOf(US_SCHEME, report);
    expect(draft.paragraphs[1]?.marking.relTo).toEqual(['USA', 'GBR']);
    const payload = payloadOf(US_SCHEME, draft);
    expect(payload.paragraphs).toEqual([
      {
        id: 'p-1',
        heading: 'Summary',
        text: 'One',
        marking: { classification: 'SECRET//NOFORN', groups: [] },
      },
      { id: 'p-2', text: 'Two', marking: { classification: 'CONFIDENTIAL//REL TO USA, GBR', groups: [] } },
    ]);
    expect(payload.classificationAuthority).toEqual({
      classifiedBy: 'CG Daniel Rubinstein',
      reasons: ['1.4 (b)'],
      declassifyOn: '2020-02-16',
    });
    expect(payload.headerMarking).toEqual({ classification: 'CONFIDENTIAL', groups: [] });
  });

  it('keeps a list of the home nationality alone (REL TO USA) through an edit instead of widening it to none', () => {
    const report = {
      title: 'Narrowed',
      subject: '',
      tags: [],
      date: '2026-11-29',
      classificationAuthority: { classifiedBy: null, reasons: [], declassifyOn: null },
      headerMarking: view('C', [], ['USA'], '(C//REL TO USA)'),
      paragraphs: [
        {
          id: 'p-1',
          number: 1,
          heading: null,
          text: 'Only for us',
          anchor: null,
          mentions: [],
          portion: view('C', [], ['USA'], '(C//REL TO USA)'),
        },
      ],
    } as unknown as ReportView;
    const payload = payloadOf(US_SCHEME, draftOf(US_SCHEME, report));
    expect(payload.paragraphs?.[0]?.marking.classification).toBe('CONFIDENTIAL//REL TO USA');
    expect(payload.headerMarking?.classification).toBe('CONFIDENTIAL//REL TO USA');
  });

  it('puts a server issue on the nearest field the form holds', () => {
    const values = draftWith(choice('U'), choice('U'));
    expect(nearestField(values, 'body.title')).toBe('title');
    expect(nearestField(values, 'body.paragraphs.1.text')).toBe('paragraphs.1.text');
    expect(nearestField(values, 'body.paragraphs.1.marking.classification')).toBe('paragraphs.1.marking');
    expect(nearestField(values, 'body.classificationAuthority.declassifyOn')).toBe(
      'classificationAuthority.declassifyOn',
    );
    expect(nearestField(values, 'body')).toBeNull();
    expect(nearestField(values, 'body.line.3')).toBeNull();
  });
});
