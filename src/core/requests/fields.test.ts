import { beforeAll, describe, expect, it } from 'vitest';
import { demoDeployment } from '../../../test/support/test-app';
import type { Deployment } from '../deployment/schema';
import { fieldsJsonSchema, fieldsSchema, summaryOf } from './fields';
import type { RequestType } from './request-type';

let demo: Deployment;
const typeOf = (code: string) => demo.requestTypes.find((type) => type.code === code) as RequestType;
beforeAll(async () => {
  demo = await demoDeployment();
});

describe('a request form generated from its type', () => {
  it('accepts a complete safe-return request', () => {
    const result = fieldsSchema(typeOf('safe-return')).safeParse({
      who: 'Two Israeli civilians',
      description: 'White Kia, Israeli plates',
      lastKnownLocation: 'Bab al-Zawiya, Hebron',
    });
    expect(result.success).toBe(true);
  });

  it('names each missing or wrong field, by its key and its label', () => {
    const result = fieldsSchema(typeOf('movement')).safeParse({
      unit: 'Battalion 50',
      personnel: 0,
      windowStart: 'soon',
    });
    expect(result.success).toBe(false);
    const issues = result.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) ?? [];
    expect(issues).toEqual(
      expect.arrayContaining([
        'personnel: Personnel is at least 1',
        expect.stringMatching(/^windowStart: Window starts is a date and time/),
        expect.stringMatching(/^routeFrom: /),
        expect.stringMatching(/^windowEnd: /),
      ]),
    );
  });

  it('refuses an unknown field rather than dropping it', () => {
    const result = fieldsSchema(typeOf('rfi')).safeParse({
      question: 'Who?',
      category: 'civil',
      colour: 'red',
    });
    expect(result.error?.issues[0]?.message).toMatch(
      /Unknown field colour; rfi has: question, category, neededBy/,
    );
  });

  it('refuses a select value that is not offered', () => {
    const result = fieldsSchema(typeOf('incident')).safeParse({
      location: 'Hebron',
      severity: 'apocalyptic',
      description: 'x',
    });
    expect(result.error?.issues[0]?.message).toBe('Severity is one of: minor, serious, grave');
  });

  it('lets a draft leave required fields empty, but not break their rules', () => {
    expect(fieldsSchema(typeOf('movement'), { draft: true }).safeParse({ unit: 'B50' }).success).toBe(true);
    expect(fieldsSchema(typeOf('movement'), { draft: true }).safeParse({ personnel: -1 }).success).toBe(
      false,
    );
  });

  it('publishes the form as JSON Schema with titles, enums and required keys', () => {
    const schema = fieldsJsonSchema(typeOf('incident')) as {
      required: string[];
      properties: Record<string, { title: string; enum?: string[] }>;
      additionalProperties: boolean;
    };
    expect(schema.required).toEqual(['location', 'severity', 'description']);
    expect(schema.properties.severity?.enum).toEqual(['minor', 'serious', 'grave']);
    expect(schema.properties.partiesInvolved?.title).toBe('Parties involved');
    expect(schema.additionalProperties).toBe(false);
  });

  it('summarises a request by its first text field', () => {
    expect(summaryOf(typeOf('safe-return'), { who: 'Two civilians', description: 'x' })).toBe(
      'Two civilians',
    );
  });
});
