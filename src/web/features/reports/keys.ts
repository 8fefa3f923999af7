/** Everything about reports that changes as people write, import and release them. */
export const REPORTS_KEY = ['reports'] as const;
export const RELEASES_KEY = ['releases'] as const;
export const ENTITIES_KEY = ['entities'] as const;
export const SEARCH_KEY = ['search'] as const;
