import { describe, expect, it } from 'vitest';
import { ATTACHMENT_MAX_BYTES } from '../../../core/requests/attachments';
import { ACCEPT, fileProblem, formatFileSize, kindKeyOf } from './files';

const file = (name: string, size = 100, type = '') => ({ name, size, type });

describe('checking a file before it is sent', () => {
  it('lets through the kinds the server accepts, by name ending or by reported type', () => {
    for (const name of [
      'report.pdf',
      'SCAN.PDF',
      'map.png',
      'photo.jpg',
      'photo.jpeg',
      'notes.txt',
      'a.docx',
    ])
      expect(fileProblem(file(name))).toBeNull();
    expect(fileProblem(file('scan-without-ending', 100, 'application/pdf'))).toBeNull();
  });

  it('refuses an empty file, one over the limit, and one of another kind', () => {
    expect(fileProblem(file('empty.pdf', 0))).toBe('empty');
    expect(fileProblem(file('big.pdf', ATTACHMENT_MAX_BYTES + 1))).toBe('too-large');
    expect(fileProblem(file('exactly.pdf', ATTACHMENT_MAX_BYTES))).toBeNull();
    expect(fileProblem(file('setup.exe', 100, 'application/x-msdownload'))).toBe('type-not-allowed');
    expect(fileProblem(file('.pdf'))).toBe('type-not-allowed'); // a hidden file's name, not an ending
  });

  it('offers the file dialog the same kinds', () => {
    expect(ACCEPT).toContain('application/pdf');
    expect(ACCEPT).toContain('.jpeg');
    expect(ACCEPT).not.toContain('.exe');
  });
});

describe('saying a file size', () => {
  it('picks the unit and keeps one decimal at most', () => {
    expect(formatFileSize(0, 'en')).toBe('0 byte');
    expect(formatFileSize(300, 'en')).toBe('300 byte');
    expect(formatFileSize(12 * 1024, 'en')).toBe('12 kB');
    expect(formatFileSize(2.44 * 1024 * 1024, 'en')).toBe('2.4 MB');
    expect(formatFileSize(ATTACHMENT_MAX_BYTES, 'en')).toBe('10 MB');
  });

  it("uses the language's own unit names", () => {
    expect(formatFileSize(300, 'he')).toContain('בייט');
    expect(formatFileSize(12 * 1024, 'ar')).toContain('كيلوبايت');
  });
});

describe('naming a file kind', () => {
  it('has a message per allowed type and one for anything else', () => {
    expect(kindKeyOf('application/pdf')).toBe('requests.files.kind.pdf');
    expect(kindKeyOf('image/jpeg')).toBe('requests.files.kind.jpg');
    expect(kindKeyOf('application/zip')).toBe('requests.files.kind.other');
  });
});

describe('the kinds in every language', () => {
  it('names each allowed kind in English, Arabic and Hebrew (keys built from the shared list)', async () => {
    const { ATTACHMENT_TYPES } = await import('../../../core/requests/attachments');
    for (const locale of ['en', 'ar', 'he']) {
      const catalogue = (await import(`../../locales/${locale}.json`)).default as {
        requests: { files: { kind: Record<string, string> } };
      };
      for (const mediaType of [...Object.keys(ATTACHMENT_TYPES), 'application/zip']) {
        const kind = kindKeyOf(mediaType).split('.').pop() as string;
        expect({ locale, kind, name: catalogue.requests.files.kind[kind] }).toEqual({
          locale,
          kind,
          name: expect.any(String),
        });
      }
    }
  });
});
