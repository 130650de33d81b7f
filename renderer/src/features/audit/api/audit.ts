import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query'
import type { AuditListInput } from '@shared/domain/audit'
import { call } from '../../../lib/api'

export function useAuditPages(filters: Omit<AuditListInput, 'cursor'>) {
  return useInfiniteQuery({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam }) => call('audit.list', { ...filters, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: keepPreviousData,
    retry: false,
  })
}

/** Checks the whole trail (a supervisor's request); the check is itself recorded, so the list is read again after. */
export function useVerifyTrail() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => call('audit.verify', {}),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['audit'] }),
  })
}
