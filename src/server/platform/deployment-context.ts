import { AccessRule } from '../../core/access/access-rule';
import type { Deployment } from '../../core/deployment/schema';
import { type ClassificationScheme, lowestLevel } from '../../core/marking/scheme';

/** What the running server knows of its deployment file: the whole of it, its scheme, and the rule built on that. */
export interface DeploymentContext {
  deployment: Deployment;
  scheme: ClassificationScheme;
  rule: AccessRule;
  /** The scheme's lowest level (e.g. "U"): what a record is marked by default, and read without an audit entry. */
  lowest: string;
}

export function deploymentContext(deployment: Deployment): DeploymentContext {
  const scheme = deployment.classification;
  return { deployment, scheme, rule: new AccessRule(scheme), lowest: lowestLevel(scheme) };
}
