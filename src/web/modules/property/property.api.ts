import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type {
  AssignInput,
  Company,
  CompanyDetail,
  CompanyInput,
  CompanyList,
  CompoundProperty,
  Contract,
  EndContractInput,
  Evaluation,
  EvaluationList,
  Ranking,
  Qualification,
  Scheme,
  SchemeInput,
  SchemeList,
  Unmanaged,
} from './types';

export type { AssignInput, Company, CompanyDetail, CompanyInput, CompoundProperty, Contract, Qualification, Unmanaged };
export { isValidCreditCode, QUALIFICATIONS } from '../../../shared/property.constants';

import type {
  CompoundRenovations,
  Renovation,
  RenovationInput,
  RenovationSummary,
} from '../../../shared/property-renovations.schema';

const enc = encodeURIComponent;
export const propertyKeys = {
  all: ['property'] as const,
  companies: (q: string) => ['property', 'companies', q] as const,
  company: (id: string) => ['property', 'company', id] as const,
  compound: (id: string) => ['property', 'compound', id] as const,
  unmanaged: ['property', 'unmanaged'] as const,
};

export function useCompanies(q = '') {
  return useQuery({
    queryKey: propertyKeys.companies(q),
    queryFn: ({ signal }) => api.get<CompanyList>('/property/companies', q ? { q } : undefined, { signal }),
  });
}

export function useCompany(id: string | undefined) {
  return useQuery({
    queryKey: propertyKeys.company(id ?? ''),
    queryFn: ({ signal }) => api.get<CompanyDetail>(`/property/companies/${enc(id!)}`, undefined, { signal }),
    enabled: !!id,
  });
}

export function useCompoundProperty(id: string | undefined) {
  return useQuery({
    queryKey: propertyKeys.compound(id ?? ''),
    queryFn: ({ signal }) => api.get<CompoundProperty>(`/property/compounds/${enc(id!)}`, undefined, { signal }),
    enabled: !!id,
  });
}

export function useUnmanaged() {
  return useQuery({
    queryKey: propertyKeys.unmanaged,
    queryFn: ({ signal }) => api.get<Unmanaged>('/property/unmanaged', undefined, { signal }),
  });
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => void qc.invalidateQueries({ queryKey: propertyKeys.all });
}

export function useCreateCompany() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: CompanyInput) => api.post<Company>('/property/companies', body),
    onSuccess: invalidate,
  });
}

export function useAssignCompany(compoundId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: AssignInput) =>
      api.post<CompoundProperty>(`/property/compounds/${enc(compoundId)}/contract`, body),
    onSuccess: invalidate,
  });
}

export function useEndContract() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...body }: EndContractInput & { id: string }) =>
      api.post<CompoundProperty>(`/property/contracts/${enc(id)}/end`, body),
    onSuccess: invalidate,
  });
}

// ── 公示三专栏 ──
export type { Overdue, Publication, PublicationInput, PublicationList, PublicPage } from './types';
import type { Overdue, Publication, PublicationInput, PublicationList, PublicPage, ReviewInput } from './types';

export function usePublications(compoundId: string) {
  return useQuery({
    queryKey: ['property', 'publications', compoundId],
    queryFn: ({ signal }) =>
      api.get<PublicationList>(`/property/compounds/${enc(compoundId)}/publications`, undefined, { signal }),
  });
}
export function useSubmitPublication(compoundId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: PublicationInput) =>
      api.post<Publication>(`/property/compounds/${enc(compoundId)}/publications`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['property', 'publications', compoundId] }),
  });
}
export function useReviewPublication(compoundId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: ReviewInput & { id: string }) =>
      api.post<Publication>(`/property/publications/${enc(id)}/review`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['property', 'publications', compoundId] }),
  });
}
export function useOverduePublications() {
  return useQuery({
    queryKey: ['property', 'publications', 'overdue'],
    queryFn: ({ signal }) => api.get<Overdue>('/property/publications/overdue', undefined, { signal }),
  });
}
export function usePublicPage(districtId: string, compoundId: string) {
  return useQuery({
    queryKey: ['public', 'property', districtId, compoundId],
    queryFn: ({ signal }) =>
      api.get<PublicPage>(`/public/property/${enc(districtId)}/compounds/${enc(compoundId)}`, undefined, { signal }),
  });
}

// ── evaluation ── 物业服务质量评价
export type { Evaluation, EvaluationList, Ranking, Scheme, SchemeInput, SchemeList } from './types';
export { DEFAULT_EVALUATION_ITEMS, DEFAULT_PARTY_WEIGHTS } from '../../../shared/property.constants';
const evaluationKeys = {
  all: ['property', 'evaluations'] as const,
  schemes: ['property', 'evaluations', 'schemes'] as const,
  list: (year: number) => ['property', 'evaluations', 'list', year] as const,
  one: (id: string) => ['property', 'evaluations', 'one', id] as const,
  ranking: (year: number) => ['property', 'evaluations', 'ranking', year] as const,
};
export function useSchemes() {
  return useQuery({
    queryKey: evaluationKeys.schemes,
    queryFn: ({ signal }) => api.get<SchemeList>('/property/evaluation-schemes', undefined, { signal }),
  });
}
export function useEvaluations(year: number) {
  return useQuery({
    queryKey: evaluationKeys.list(year),
    queryFn: ({ signal }) => api.get<EvaluationList>('/property/evaluations', { year: String(year) }, { signal }),
  });
}
export function useEvaluation(id: string | undefined) {
  return useQuery({
    queryKey: evaluationKeys.one(id ?? ''),
    queryFn: ({ signal }) => api.get<Evaluation>(`/property/evaluations/${enc(id!)}`, undefined, { signal }),
    enabled: !!id,
  });
}
export function useRanking(year: number) {
  return useQuery({
    queryKey: evaluationKeys.ranking(year),
    queryFn: ({ signal }) => api.get<Ranking>('/property/evaluation-ranking', { year: String(year) }, { signal }),
  });
}
function useInvalidateEvaluations() {
  const qc = useQueryClient();
  return () => void qc.invalidateQueries({ queryKey: evaluationKeys.all });
}
export function useSaveScheme() {
  const invalidate = useInvalidateEvaluations();
  return useMutation({
    mutationFn: (w: { id?: string; version?: number; body: SchemeInput }) =>
      w.id
        ? api.patch<Scheme>(`/property/evaluation-schemes/${enc(w.id)}`, {
            ...w.body,
            orgUnitId: undefined,
            year: undefined,
            version: w.version,
          })
        : api.post<Scheme>('/property/evaluation-schemes', w.body),
    onSuccess: invalidate,
  });
}
export function useOpenEvaluation() {
  const invalidate = useInvalidateEvaluations();
  return useMutation({
    mutationFn: (w: { compoundId: string; year: number; closesAt: string }) =>
      api.post<Evaluation>(`/property/compounds/${enc(w.compoundId)}/evaluations`, {
        year: w.year,
        closesAt: w.closesAt,
      }),
    onSuccess: invalidate,
  });
}
export function useSaveScores() {
  const invalidate = useInvalidateEvaluations();
  return useMutation({
    mutationFn: (w: { id: string; party: 'branch' | 'committee'; scores: number[]; version: number }) =>
      api.put<Evaluation>(`/property/evaluations/${enc(w.id)}/scores`, {
        party: w.party,
        scores: w.scores,
        version: w.version,
      }),
    onSuccess: invalidate,
  });
}
export function usePublishEvaluation() {
  const invalidate = useInvalidateEvaluations();
  return useMutation({
    mutationFn: (w: { id: string; version: number }) =>
      api.post<Evaluation>(`/property/evaluations/${enc(w.id)}/publish`, { version: w.version }),
    onSuccess: invalidate,
  });
}

// ── renovations ── 老旧小区改造
export type { CompoundRenovations, Renovation, RenovationInput, RenovationSummary };

export function useRenovations(compoundId: string) {
  return useQuery({
    queryKey: ['property', 'renovations', compoundId],
    queryFn: ({ signal }) =>
      api.get<CompoundRenovations>(`/property/compounds/${enc(compoundId)}/renovations`, undefined, { signal }),
  });
}

export function useRenovationSummary() {
  return useQuery({
    queryKey: ['property', 'renovations', 'summary'],
    queryFn: ({ signal }) => api.get<RenovationSummary>('/property/renovations/summary', undefined, { signal }),
  });
}

export function useRecordRenovation(compoundId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RenovationInput) =>
      api.post<CompoundRenovations>(`/property/compounds/${enc(compoundId)}/renovations`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: propertyKeys.all }),
  });
}
