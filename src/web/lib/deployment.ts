import { queryOptions, useQuery } from '@tanstack/react-query';
import type { DeploymentInfo } from '../../core/directory/schemas';
import type { Level } from '../../core/marking/scheme';
import { api } from './api';

/** The deployment's name, languages, time zone and classification scheme: configuration, read once. */
export const deploymentQuery = queryOptions({
  queryKey: ['deployment'],
  queryFn: () => api.get<DeploymentInfo>('/api/deployment'),
  staleTime: Number.POSITIVE_INFINITY,
});

export function useDeployment() {
  return useQuery(deploymentQuery);
}

/** A level of the scheme by its code, or undefined while the scheme loads (or for an unknown code). */
export function useLevel(code: string | undefined): Level | undefined {
  const { data } = useDeployment();
  return data?.classification.levels.find((level) => level.code === code);
}
