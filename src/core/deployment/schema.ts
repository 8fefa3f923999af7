import { checkReferences } from './references';
import { deploymentShape } from './shapes';

/**
 * The deployment configuration file, checked field by field (shapes.ts) and
 * then as a whole: the codes the sections use to point at each other agree
 * (references.ts).
 */
export * from './shapes';

export const deploymentSchema = deploymentShape.superRefine((deployment, ctx) =>
  checkReferences(deployment, (path, message) => ctx.addIssue({ code: 'custom', path, message })),
);
