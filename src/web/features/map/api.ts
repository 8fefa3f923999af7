import { useQuery } from '@tanstack/react-query';
import type { MapDto } from '../../../core/map/schemas';
import { api } from '../../lib/api';

/** What the reader may see on the map: places, paired desks and their open requests (GET /api/map). */
export function useMapData() {
  return useQuery({ queryKey: ['map'], queryFn: () => api.get<MapDto>('/api/map') });
}
