import { checkReferences } from './references';
import { deploymentShape } from './shape';

export * from './shape';

/** The deployment file's format: each field's shape, then the references between sections. */
export const deploymentSchema = deploymentShape.superRefine((deployment, ctx) =>
  checkReferences(deployment, (path, message) => ctx.addIssue({ code: 'custom', path, message })),
);
