import { GENERAL_CATEGORY } from '../../../core/exchanges/ledger';
import type { DeploymentContext } from '../../platform/deployment-context';

/** The ledger category of a working group's items: the group's, from the deployment file. */
export const categoryOfGroup = (deployment: DeploymentContext, code: string) =>
  deployment.deployment.groups.find((group) => group.code === code)?.category ?? GENERAL_CATEGORY;

/** The ledger category of a request type's items: the type's, from the deployment file. */
export const categoryOfRequestType = (deployment: DeploymentContext, code: string) =>
  deployment.deployment.requestTypes.find((type) => type.code === code)?.category ?? GENERAL_CATEGORY;
