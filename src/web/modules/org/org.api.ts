import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { Building, ImportResult, OrgUnit, OwnersCommitteeKind } from '../../lib/types';

export const orgKeys = {
  all: ['org'] as const,
  unit: (id: string) => ['org', 'unit', id] as const,
  children: (id: string) => ['org', 'children', id] as const,
  buildings: (id: string) => ['org', 'buildings', id] as const,
  search: (q: string, kind?: string) => ['org', 'search', q, kind ?? ''] as const,
};

const enc = encodeURIComponent;

export function fetchUnit(id: string) {
  return api.get<{ unit: OrgUnit; ancestors: OrgUnit[] }>(`/org-units/${enc(id)}`);
}

export function fetchChildren(id: string) {
  return api.get<{ items: OrgUnit[] }>(`/org-units/${enc(id)}/children`).then((r) => r.items);
}

export function loadChildren(qc: QueryClient, id: string, fresh = false): Promise<OrgUnit[]> {
  return qc.fetchQuery({
    queryKey: orgKeys.children(id),
    queryFn: () => fetchChildren(id),
    staleTime: fresh ? 0 : 30_000,
  });
}

export function useOrgUnit(id: string | undefined) {
  return useQuery({ queryKey: orgKeys.unit(id ?? ''), queryFn: () => fetchUnit(id ?? ''), enabled: !!id });
}

export function useOrgChildren(id: string | undefined, enabled = true) {
  return useQuery({
    queryKey: orgKeys.children(id ?? ''),
    queryFn: () => fetchChildren(id ?? ''),
    enabled: !!id && enabled,
  });
}

export function useBuildings(compoundId: string | undefined) {
  return useQuery({
    queryKey: orgKeys.buildings(compoundId ?? ''),
    queryFn: () => api.get<{ items: Building[] }>(`/compounds/${enc(compoundId ?? '')}/buildings`).then((r) => r.items),
    enabled: !!compoundId,
  });
}

export function searchUnits(q: string, kind?: string) {
  return api.get<{ items: OrgUnit[] }>('/org-units', { q, kind }).then((r) => r.items);
}

/** 业委会/物管会 totals over every compound in scope (of one community, or matching a name). */
export function committeeSummary(communityId: string | undefined, q: string) {
  return api.get<Record<'total' | 'owners_committee' | 'property_committee' | 'none', number>>('/committees/summary', {
    communityId,
    q,
  });
}

export interface CompoundInput {
  name: string;
  address?: string | null;
  isOld: boolean;
  isRenovated: boolean;
  ownersCommittee: OwnersCommitteeKind;
  propertyCompany?: string | null;
}

export function createCompound(communityId: string, input: CompoundInput) {
  return api.post<{ unit: OrgUnit }>('/compounds', { communityId, ...input }).then((r) => r.unit);
}

export function updateCompound(id: string, input: Partial<CompoundInput> & { version: number }) {
  return api.patch<{ unit: OrgUnit }>(`/compounds/${enc(id)}`, input).then((r) => r.unit);
}

export function deleteCompound(id: string) {
  return api.del(`/compounds/${enc(id)}`);
}

export interface BuildingInput {
  name: string;
  units: number;
  floors: number;
  address?: string | null;
}

export function createBuilding(compoundId: string, input: BuildingInput) {
  return api.post<{ building: Building }>('/buildings', { compoundId, ...input }).then((r) => r.building);
}

export function updateBuilding(id: string, input: Partial<BuildingInput> & { version: number }) {
  return api.patch<{ building: Building }>(`/buildings/${enc(id)}`, input).then((r) => r.building);
}

export function deleteBuilding(id: string) {
  return api.del(`/buildings/${enc(id)}`);
}

export type ImportKind = 'compounds' | 'buildings';

export function runImport(kind: ImportKind, file: File) {
  return api.upload<ImportResult>(`/imports/${kind}`, file);
}

export function templateUrl(kind: ImportKind): string {
  return `/api/imports/templates/${kind}.xlsx`;
}

/** A unit with its ancestors, cached under the unit's key (the names shown instead of raw codes). */
export function useUnitPath(unitId: string | undefined) {
  return useQuery({
    queryKey: [...orgKeys.unit(unitId ?? ''), 'path'],
    queryFn: () => fetchUnit(unitId ?? ''),
    enabled: !!unitId,
    staleTime: 10 * 60_000,
  });
}
