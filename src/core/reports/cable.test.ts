import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DEPLOYMENT_FILE, loadDeploymentFile } from '../../server/platform/deployment-file';
import { formatBanner } from '../marking/marking';
import type { ClassificationScheme } from '../marking/scheme';
import { CableParseError, type ParsedCable, parseCable } from './cable';
import { readReasons } from './cable-header';
import { decodeEntities } from './cable-source';
import { fixSpacing } from './cable-text';

/** The seed cable, copied into the repository because CI runs on a clean clone. */
const SEED = readFileSync(
  new URL('../../../test/fixtures/cables/000_3c09942d126d68d9.txt', import.meta.url),
  'utf8',
);

const PLAIN = `C O N F I D E N T I A L SECTION 01 OF 02 TEL AVIV 001234

SIPDIS

E.O. 12958: DECL: 03/01/2019
TAGS: PREL KWBG IS
SUBJECT: MOVEMENT COORDINATION IN HEBRON

Classified By: Ambassador James Cunningham, reasons 1.4 (b)
and (d).

1. (C) Summary: Israeli and Palestinian officers met in Hebron
on February 7. The IDF agreed to "review" the closure. End summary.

Checkpoints
-----------

2. (U) The crossing at Tarqumiya opened at 0600 ; it is the PA's
only crossing for goods.

3. (C//REL TO USA, GBR) Officers don ' t expect change before March.

CUNNINGHAM
`;

let scheme: ClassificationScheme;
beforeAll(async () => {
  scheme = (await loadDeploymentFile(DEMO_DEPLOYMENT_FILE)).classification;
});

const parse = (text: string) => parseCable(text, scheme);

/** The error parseCable throws on this text (failing the test if it parses). */
function failureOf(text: string): CableParseError {
  try {
    parse(text);
  } catch (error) {
    if (error instanceof CableParseError) return error;
    throw error;
  }
  throw new Error('expected the cable to be refused');
}

const SECRET = { level: 'S', caveats: [], relTo: null };

describe('the seed cable', () => {
  let cable: ParsedCable;
  beforeAll(() => {
    cable = parse(SEED);
  });

  it('reads the banner, originator and serial', () => {
    expect(formatBanner(scheme, cable.classification)).toBe('SECRET//NOFORN');
    expect(cable.classification).toEqual({ level: 'S', caveats: ['NOFORN'], relTo: null });
    expect(cable.originator).toBe('JERUSALEM');
    expect(cable.serial).toBe('000286');
    expect(cable.key).toBe('JERUSALEM 000286');
  });

  it('reads SIPDIS, the distribution, the E.O. line and TAGS', () => {
    expect(cable.sipdis).toBe(true);
    expect(cable.distribution).toBe(
      'NEA FOR FRONT OFFICE, SEMEP, AND IPA NSC FOR SHAPIRO/KUMAR JOINT STAFF FOR LT GEN SELVA',
    );
    expect(cable.executiveOrder).toBe('12958');
    expect(cable.declassifyOn).toBe('2020-02-16');
    expect(cable.tags).toEqual(['PGOV', 'PREL', 'PINS', 'KWBG', 'KPAL', 'IS']);
  });

  it('separates the subject from the classified-by line the annotation ran into it', () => {
    expect(cable.subject).toBe('PALESTINIAN AUTHORITY SECURITY OFFICIALS ON COORDINATION WITH ISRAEL');
    expect(cable.classifiedBy).toBe('CG Daniel Rubinstein');
    expect(cable.reasons).toEqual(['1.4 (b)', '1.4 (d)']);
  });

  it('reads four numbered paragraphs, each (S) though the annotator took the S for a place', () => {
    expect(cable.paragraphs.map((paragraph) => paragraph.number)).toEqual([1, 2, 3, 4]);
    expect(cable.paragraphs.map((paragraph) => paragraph.anchor)).toEqual(['par1', 'par2', 'par3', 'par4']);
    for (const paragraph of cable.paragraphs) expect(paragraph.portion).toEqual(SECRET);
    const mentioned = cable.paragraphs.flatMap((paragraph) =>
      paragraph.mentions.map((mention) => mention.text),
    );
    expect(mentioned).not.toContain('S');
    expect(mentioned).not.toContain('DECL:');
  });

  it('gives each paragraph the section heading before it, cleaned', () => {
    expect(cable.paragraphs.map((paragraph) => paragraph.heading)).toEqual([
      'Summary',
      'Continued PA Commitment to Security Coordination',
      'New Coordination Channels',
      '"One-Sided" Coordination',
    ]);
  });

  it('reads the signature apart from paragraph 4', () => {
    expect(cable.signature).toBe('RUBINSTEIN');
    expect(cable.paragraphs[3]?.text).not.toContain('RUBINSTEIN');
    expect(cable.paragraphs[3]?.text).toMatch(/on the ground\.$/);
  });

  it('writes the paragraphs as people read them', () => {
    const [first, second, third] = cable.paragraphs;
    expect(first?.text).toMatch(
      /^In recent meetings with Post, Palestinian Authority \(PA\) security officials/,
    );
    expect(first?.text).toContain('PA Civil Police Chief Hazim Atallah highlighted');
    expect(first?.text).toMatch(/ End summary\.$/);
    expect(second?.text).toContain(
      'told Post, "We support coordination if it is in the spirit of implementing Oslo," noting',
    );
    expect(second?.text).toContain("the PA's security campaign");
    expect(third?.text).toContain('in the H1 (Palestinian-controlled) area of Hebron.');
  });

  it('finds the entity mentions in the paragraph text', () => {
    const mentions = cable.paragraphs.flatMap((paragraph) => paragraph.mentions);
    const kinds = (text: string) => new Set(mentions.filter((m) => m.text === text).map((m) => m.kind));
    for (const organisation of ['Palestinian Authority', 'PA Civil Police', 'INP', 'PA', 'IDF']) {
      expect(kinds(organisation)).toEqual(new Set(['organisation']));
    }
    expect(kinds('Hazim Atallah')).toEqual(new Set(['person']));
    for (const place of ['Ramallah', 'Hebron', 'West Bank', 'Israel']) {
      expect(kinds(place)).toEqual(new Set(['place']));
    }
    expect(kinds('Israeli-Palestinian')).toEqual(new Set(['other']));
  });

  it('puts every mention where its offsets say', () => {
    for (const paragraph of cable.paragraphs) {
      expect(paragraph.mentions.length).toBeGreaterThan(0);
      for (const mention of paragraph.mentions) {
        expect(paragraph.text.slice(mention.start, mention.end)).toBe(mention.text);
      }
    }
    const first = cable.paragraphs[0];
    expect(first?.mentions.slice(0, 3)).toEqual([
      { kind: 'organisation', text: 'Post', start: 24, end: 28 },
      { kind: 'organisation', text: 'Palestinian Authority', start: 30, end: 51 },
      { kind: 'organisation', text: 'PA', start: 53, end: 55 },
    ]);
  });

  it('leaves no markup or brackets in any paragraph, heading or the subject', () => {
    const texts = [
      cable.subject,
      cable.distribution ?? '',
      cable.classifiedBy ?? '',
      ...cable.paragraphs.flatMap((paragraph) => [paragraph.text, paragraph.heading ?? '']),
    ];
    for (const text of texts) expect(text).not.toMatch(/[[\]<>¶]|&[a-z]+;|\s{2}| [,.]/);
  });

  it('reads the same cable the same way every time, so imports can be idempotent', () => {
    expect(parse(SEED)).toEqual(cable);
    expect(parse(SEED.replace(/\n/g, '\r\n'))).toEqual(cable);
  });
});

describe('a plain telegram', () => {
  let cable: ParsedCable;
  beforeAll(() => {
    cable = parse(PLAIN);
  });

  it('reads the header, skipping the section number', () => {
    expect(cable).toMatchObject({
      key: 'TEL AVIV 001234',
      originator: 'TEL AVIV',
      serial: '001234',
      classification: { level: 'C', caveats: [], relTo: null },
      sipdis: true,
      distribution: null,
      executiveOrder: '12958',
      declassifyOn: '2019-03-01',
      tags: ['PREL', 'KWBG', 'IS'],
      subject: 'MOVEMENT COORDINATION IN HEBRON',
      classifiedBy: 'Ambassador James Cunningham',
      reasons: ['1.4 (b)', '1.4 (d)'],
      signature: 'CUNNINGHAM',
    });
  });

  it('reads numbered paragraphs across lines, an underlined heading and REL TO portion marks', () => {
    expect(cable.paragraphs).toEqual([
      {
        number: 1,
        anchor: null,
        heading: null,
        portion: { level: 'C', caveats: [], relTo: null },
        text: 'Summary: Israeli and Palestinian officers met in Hebron on February 7. The IDF agreed to "review" the closure. End summary.',
        mentions: [],
      },
      {
        number: 2,
        anchor: null,
        heading: 'Checkpoints',
        portion: { level: 'U', caveats: [], relTo: null },
        text: "The crossing at Tarqumiya opened at 0600; it is the PA's only crossing for goods.",
        mentions: [],
      },
      {
        number: 3,
        anchor: null,
        heading: null,
        portion: { level: 'C', caveats: [], relTo: ['USA', 'GBR'] },
        text: "Officers don't expect change before March.",
        mentions: [],
      },
    ]);
  });

  it('knows the other banners, spaced out or not', () => {
    const withBanner = (banner: string) => parse(PLAIN.replace('C O N F I D E N T I A L', banner));
    expect(withBanner('UNCLAS').classification.level).toBe('U');
    expect(withBanner('UNCLASSIFIED').classification.level).toBe('U');
    expect(withBanner('SENSITIVE BUT UNCLASSIFIED').classification.level).toBe('SBU');
    expect(withBanner('T O P S E C R E T').classification.level).toBe('TS');
    expect(withBanner('SECRET//NOFORN').classification).toEqual({
      level: 'S',
      caveats: ['NOFORN'],
      relTo: null,
    });
    expect(withBanner('SECRET ORCON REL TO GBR, USA').classification).toEqual({
      level: 'S',
      caveats: ['ORCON'],
      relTo: ['USA', 'GBR'],
    });
  });

  it('reads (S/NF), cables’ single-slash form, and a cable without SIPDIS, E.O. or TAGS', () => {
    const cable = parse('SECRET AMMAN 000042\nSUBJECT: A NOTE\n1. (S/NF) Text.\n');
    expect(cable.paragraphs[0]?.portion).toEqual({ level: 'S', caveats: ['NOFORN'], relTo: null });
    expect(cable).toMatchObject({ sipdis: false, executiveOrder: null, declassifyOn: null, tags: [] });
    expect(cable.signature).toBeNull();
  });

  it('decodes HTML entities and keeps a rule instead of a declassification date as no date', () => {
    const cable = parse(
      'SECRET AMMAN 000042\nE.O. 12958: DECL: OADR\nSUBJECT: Q&amp;A\n1. (S) &quot;Fine&quot; &lt;ok&gt;.\n',
    );
    expect(cable.subject).toBe('Q&A');
    expect(cable.declassifyOn).toBeNull();
    expect(cable.paragraphs[0]?.text).toBe('"Fine" <ok>.');
  });
});

describe('refusing what is not a cable, naming the line and what was expected', () => {
  const seedLines = SEED.split('\n');
  const seedWith = (lineNumber: number, edit: (line: string) => string) =>
    seedLines.map((line, index) => (index === lineNumber - 1 ? edit(line) : line)).join('\n');

  it.each([
    ['an empty text', '', 1, /a cable, starting with its classification banner/],
    ['only blank lines', '  \n\n \n', 1, /a cable/],
    ['no banner', '\n\nHello JERUSALEM 000286\nSUBJECT: X\n1. (S) Text.', 3, /a classification banner/],
    ['no serial', 'SECRET\nSIPDIS\nSUBJECT: X\n1. (S) Text.', 2, /the originator and serial/],
    ['no subject', 'SECRET AMMAN 000042\nTAGS: PREL\n1. (S) Text.', 2, /a SUBJECT: line/],
    [
      'a date that does not exist',
      'SECRET AMMAN 000042\nE.O. 12958: DECL: 02/30/2020\nSUBJECT: X',
      2,
      /date/,
    ],
    ['no paragraphs', 'SECRET AMMAN 000042\nSUBJECT: X\n', 3, /numbered paragraphs/],
    ['NOFORN with REL TO', 'SECRET AMMAN 000042 NOFORN\nREL TO USA, GBR\nSUBJECT: X\n1. (S) T.', 2, /NOFORN/],
  ])('%s', (_case, text, line, expected) => {
    const error = failureOf(text);
    expect(error.line).toBe(line);
    expect(error.expected).toMatch(expected);
    expect(error.message).toMatch(new RegExp(`^line ${line}: expected .+, found ".*"$`));
  });

  it('a paragraph without a portion mark', () => {
    const error = failureOf(seedWith(13, (line) => line.replace('( [LOC S  ] ) ', '')));
    expect(error).toMatchObject({
      line: 13,
      expected: 'a portion mark such as (S) at the start of paragraph 3',
    });
    expect(error.message).toBe(
      'line 13: expected a portion mark such as (S) at the start of paragraph 3, found "In a separate meeting , [ORG PA Civil Po…"',
    );
  });

  it('a portion mark the scheme does not know', () => {
    const error = failureOf(seedWith(18, (line) => line.replace('( [LOC S  ] )', '( [LOC X  ] )')));
    expect(error.line).toBe(18);
    expect(error.expected).toMatch(
      /^a portion mark the scheme knows at the start of paragraph 4, such as \(U\)/,
    );
    expect(error.found).toBe('( [LOC X ] )');
  });

  it('a portion mark with NOFORN and REL TO', () => {
    const error = failureOf('SECRET AMMAN 000042\nSUBJECT: X\n\n1. (S//NF/REL TO USA, GBR) Text.');
    expect(error.line).toBe(4);
    expect(error.expected).toMatch(/contradict/);
  });

  it('a numbered paragraph whose text is missing', () => {
    expect(failureOf('SECRET AMMAN 000042\nSUBJECT: X\n1.\nRUBINSTEIN').line).toBe(3);
  });
});

describe('parseCable on damaged input', () => {
  const refusedCleanly = (text: string) => {
    try {
      const cable = parse(text);
      for (const paragraph of cable.paragraphs) {
        for (const mention of paragraph.mentions) {
          expect(paragraph.text.slice(mention.start, mention.end)).toBe(mention.text);
        }
      }
    } catch (error) {
      expect(error).toBeInstanceOf(CableParseError);
      const lines = text.split(/\r\n|\r|\n/).length;
      expect((error as CableParseError).line).toBeGreaterThanOrEqual(1);
      expect((error as CableParseError).line).toBeLessThanOrEqual(lines);
    }
  };

  it('never throws anything but CableParseError on random text', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), refusedCleanly), { numRuns: 300 });
  });

  it('never throws anything but CableParseError on the seed with lines dropped', () => {
    const lines = SEED.split('\n');
    const keep = fc.array(fc.boolean(), { minLength: lines.length, maxLength: lines.length });
    fc.assert(
      fc.property(keep, (kept) => refusedCleanly(lines.filter((_line, index) => kept[index]).join('\n'))),
      { numRuns: 300 },
    );
  });

  it('never throws anything but CableParseError on the seed with pieces cut, repeated or inserted', () => {
    const edit = fc.record({
      at: fc.nat({ max: SEED.length }),
      cut: fc.nat({ max: 40 }),
      insert: fc.oneof(
        fc.constantFrom(
          '[',
          ']',
          '(',
          ')',
          '<',
          '>',
          '"',
          "'",
          '\n',
          ' . ',
          '---',
          '&#0;',
          '&#x110000;',
          '[LOC ',
        ),
        fc.constantFrom(
          '1 . ',
          '( [LOC S  ] )',
          'NOFORN',
          'REL TO USA',
          'SUBJECT:',
          'E.O.',
          'DECL: 13/45/2020',
        ),
        fc.string({ maxLength: 12 }),
      ),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
        const damaged = edits.reduce(
          (text, { at, cut, insert }) => text.slice(0, at) + insert + text.slice(at + cut),
          SEED,
        );
        refusedCleanly(damaged);
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseCable on long, hostile input', () => {
  const head = 'SECRET AMMAN 000042\nSUBJECT: X\n';
  const n = 50_000;
  // Each is a shape on which a backtracking pattern rescans a run once per character;
  // read in one pass they take milliseconds, rescanned they would outlast the test's timeout.
  it.each([
    ['an unclosed annotation', `${head}1. (S) [ORG ${' '.repeat(n)}`],
    ['an unclosed portion mark', `${head}1. ( ${' '.repeat(n)}S`],
    ['an anchor without its end', `${head}1. (S) <a id=${'x'.repeat(n)}`],
    ['a line of dashes', `${head}${'-'.repeat(n)}x\n1. (S) x`],
    ['commas before the reasons', `${head}Classified By: x${', '.repeat(n)}y\n1. (S) x`],
    ['a long run of capitals', `SECRET ${'AB-'.repeat(n)} 000123`],
    ['many annotated words', `${head}1. (S) ${'word , [ORG Foo ] " x " ( y ) \'s '.repeat(n / 5)}`],
    ['many paragraphs', head + Array.from({ length: n / 5 }, (_, i) => `${i + 1}. (S) text ${i}`).join('\n')],
  ])('%s', (_case, text) => {
    try {
      expect(parse(text).paragraphs.length).toBeGreaterThan(0);
    } catch (error) {
      expect(error).toBeInstanceOf(CableParseError);
    }
  });
});

describe('the pieces', () => {
  it.each([
    ['Post , [x] ( PA ) said .', 'Post, [x] (PA) said.'],
    ["the PA 's campaign", "the PA's campaign"],
    ["Ma ' ale Adumim and the boys ' toys", "Ma'ale Adumim and the boys' toys"],
    ['told Post , " We support it , " noting', 'told Post, "We support it," noting'],
    ['“ quoted ” and 1.4 ( b ) and ( d ) .', '“quoted” and 1.4 (b) and (d).'],
    ["they do n't ; costs .5 million", "they don't; costs .5 million"],
  ])('fixSpacing(%j)', (text, expected) => {
    expect(fixSpacing(text)).toBe(expected);
  });

  it.each([
    ['1.4 (b) and (d).', ['1.4 (b)', '1.4 (d)']],
    ['1.4(B),(D)', ['1.4 (b)', '1.4 (d)']],
    ['1.5 b and d', ['1.5 (b)', '1.5 (d)']],
    ['1.4', ['1.4']],
    ['none given', []],
  ])('readReasons(%j)', (text, expected) => {
    expect(readReasons(text)).toEqual(expected);
  });

  it('decodes entities, leaving impossible code points as they were', () => {
    expect(decodeEntities('&amp; &#39; &#x41; &nbsp;&constructor; &#x110000;')).toBe(
      "& ' A  &constructor; &#x110000;",
    );
  });
});
