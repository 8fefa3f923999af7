import { useMemo } from 'react';
import { useLocalised } from '../../lib/use-localised';
import { useDirectoryList } from '../directory/api';
import { useRequestTypes } from './api';

/**
 * Names in the user's language for the codes requests and notifications carry
 * (type, party, district); the code itself while the lists load or for an
 * entry that has gone.
 */
export function useNames() {
  const localised = useLocalised();
  const types = useRequestTypes().data;
  const parties = useDirectoryList('parties').data;
  const districts = useDirectoryList('districts').data;
  return useMemo(() => {
    const nameIn =
      (list: { code: string; names: Parameters<typeof localised>[0] }[] | undefined) => (code: string) => {
        const entry = list?.find((candidate) => candidate.code === code);
        return entry ? localised(entry.names) : code;
      };
    return { type: nameIn(types), party: nameIn(parties), district: nameIn(districts) };
  }, [localised, types, parties, districts]);
}
