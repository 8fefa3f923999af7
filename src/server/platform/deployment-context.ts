import { AccessRule } from '../../core/access/access-rule';
import type { Deployment } from '../../core/deployment/schema';
import type { ClassificationScheme } from '../../core/marking/scheme';

/** What the running server knows of its deployment file: the whole of it, its scheme, and the rule built on that. */
export interface DeploymentContext {
  deployment: Deployment;
  scheme: ClassificationScheme;
  rule: AccessRule;
}

export function deploymentContext(deployment: Deployment): DeploymentContext {
  return { deployment, scheme: deployment.classification, rule: new AccessRule(deployment.classification) };
}
