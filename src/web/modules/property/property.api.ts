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
  Qualification,
  Unmanaged,
} from './types';

export type { AssignInput, Company, CompanyDetail, CompanyInput, CompoundProperty, Contract, Qualification, Unmanaged };
export { isValidCreditCode, QUALIFICATIONS } from '../../../shared/property.constants';

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
