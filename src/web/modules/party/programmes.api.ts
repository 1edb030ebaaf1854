import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type {
  AddProgressBody,
  DesignateSiteBody,
  Programmes,
  Progress,
  RevokeSiteBody,
  SetTargetsBody,
  Site,
} from '../../../shared/party-programmes.schema';
import { searchCompounds } from '../work-orders/work-orders.api';

/** 六大工程 and 党建示范点: the programmes with their indicators and log, adding progress, designating sites. */
const enc = encodeURIComponent;
export const programmeKeys = {
  list: (year: number) => ['party', 'programmes', year] as const,
  sites: (year: number) => ['party', 'sites', year] as const,
};

export function useProgrammes(year: number) {
  return useQuery({
    queryKey: programmeKeys.list(year),
    queryFn: () => api.get<Programmes>('/party/programmes', { year }),
  });
}

export function useSites(year: number) {
  return useQuery({
    queryKey: programmeKeys.sites(year),
    queryFn: () =>
      api.get<{ items: Site[] }>('/party/demonstration-sites', { year, includeRevoked: 'true' }).then((r) => r.items),
  });
}

export { searchCompounds };

// every write moves the dashboard too: refresh everything under ['party']
function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['party'] });
}

export function useAddProgress() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: ({ programmeId, ...body }: AddProgressBody & { programmeId: string }) =>
      api.post<{ entry: Progress }>(`/party/programmes/${enc(programmeId)}/progress`, body).then((r) => r.entry),
    onSuccess: done,
  });
}

export function useDesignateSite() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (body: DesignateSiteBody) =>
      api.post<{ site: Site }>('/party/demonstration-sites', body).then((r) => r.site),
    onSuccess: done,
  });
}

export function useRevokeSite() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...body }: RevokeSiteBody & { id: string }) =>
      api.post<{ site: Site }>(`/party/demonstration-sites/${enc(id)}/revoke`, body).then((r) => r.site),
    onSuccess: done,
  });
}

/** 建立年度工程 (the district): the six programmes of a year, from the year before. */
export function useOpenYear() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (year: number) => api.post<Programmes>('/party/programmes/years', { year }),
    onSuccess: done,
  });
}

/** 调整目标 (the district): new targets for a programme's indicators, with the version it was read at. */
export function useSetTargets() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...body }: SetTargetsBody & { id: string }) =>
      api.put<Programmes>(`/party/programmes/${enc(id)}/targets`, body),
    onSuccess: done,
  });
}
