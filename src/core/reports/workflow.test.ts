import { describe, expect, it } from 'vitest';
import { allowedReportActions, type ReportRelation } from './workflow';

const as = (...relations: ReportRelation[]) => new Set(relations);

describe('report workflow', () => {
  it('lets the writer edit and submit a draft, and nobody release it', () => {
    expect(allowedReportActions('draft', as('writer', 'releaser'))).toEqual(['edit', 'submit']);
  });

  it('lets only a reviewer approve or return a report under review', () => {
    expect(allowedReportActions('review', as('writer'))).toEqual(['edit']);
    expect(allowedReportActions('review', as('reviewer'))).toEqual(['approve', 'return']);
  });

  it('releases only what is published, and only by a releaser', () => {
    expect(allowedReportActions('published', as('writer', 'reviewer'))).toEqual(['edit']);
    expect(allowedReportActions('published', as('releaser'))).toEqual(['release']);
  });

  it('gives a reader with no standing nothing to do', () => {
    expect(allowedReportActions('published', as())).toEqual([]);
  });
});
