import { indexBy, type Path, type Report } from './index-by';
import type { Deployment } from './shapes';

/** A request type's or a group's category is one the deployment lists (when it lists any). */
export function checkCategories(deployment: Deployment, report: Report): void {
  const codes = new Set(deployment.exchangeCategories.map((category) => category.code));
  indexBy(
    'exchange category',
    deployment.exchangeCategories.map((category, i) => ({
      code: category.code,
      value: category,
      path: ['exchangeCategories', i, 'code'],
    })),
    report,
  );
  const check = (category: string | undefined, path: Path) => {
    if (category !== undefined && !codes.has(category))
      report(
        path,
        `Unknown exchange category "${category}" (the categories are ${[...codes].join(', ') || 'none'})`,
      );
  };
  for (const [i, type] of deployment.requestTypes.entries())
    check(type.category, ['requestTypes', i, 'category']);
  for (const [i, group] of deployment.groups.entries()) check(group.category, ['groups', i, 'category']);
}
