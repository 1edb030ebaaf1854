import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type {
  MealBody,
  MealKind,
  MealResult,
  MyCanteens,
  MyMeal,
  MyMenuItem,
  Settlement,
  SubsidyCategory,
  SubsidyRule,
} from './types';

export type {
  MealBody,
  MealKind,
  MealResult,
  MyCanteens,
  MyMeal,
  MyMenuItem,
  Settlement,
  SubsidyCategory,
  SubsidyRule,
};

const enc = encodeURIComponent;

export const canteenKeys = {
  all: ['canteens'] as const,
  rules: ['canteens', 'rules'] as const,
  mine: ['canteens', 'mine'] as const,
  settlement: (stationId: string, month: string) => ['canteens', 'settlement', stationId, month] as const,
};

const settlementPath = (stationId: string | undefined, month: string) =>
  `/canteens/${enc(stationId ?? '')}/settlements/${enc(month)}`;

/** The month's settlement sheet as xlsx. */
export const settlementXlsxUrl = (stationId: string | undefined, month: string) =>
  `/api/canteens/${stationId ?? ''}/settlements/${month}/xlsx`;

export function useSubsidyRules() {
  return useQuery({
    queryKey: canteenKeys.rules,
    queryFn: ({ signal }) =>
      api.get<{ items: SubsidyRule[] }>('/canteen-subsidy-rules', undefined, { signal }).then((r) => r.items),
  });
}

/** 我的幸福餐厅: the canteens of my street, each menu priced for me by the subsidy rules, and my latest meals. */
export function useMyCanteens() {
  return useQuery({
    queryKey: canteenKeys.mine,
    queryFn: ({ signal }) => api.get<MyCanteens>('/canteens/mine', undefined, { signal }),
  });
}

/** A canteen's month: meals, diners, subsidy by category, duplicate claims and whether it is settled. */
export function useSettlement(stationId: string | undefined, month: string) {
  return useQuery({
    queryKey: canteenKeys.settlement(stationId ?? '', month),
    queryFn: ({ signal }) => api.get<Settlement>(settlementPath(stationId, month), undefined, { signal }),
    enabled: !!stationId,
  });
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => void qc.invalidateQueries({ queryKey: canteenKeys.all });
}

/** Settles the month once (duplicate claims block it). */
export function useSettle(stationId: string | undefined, month: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: () => api.post<Settlement>(settlementPath(stationId, month)),
    onSuccess: invalidate,
  });
}

/** Registers a meal; the server applies the subsidy the rules give. */
export function useRegisterMeal(stationId: string | undefined) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: MealBody) => api.post<MealResult>(`/canteens/${enc(stationId ?? '')}/meals`, body),
    onSuccess: invalidate,
  });
}
