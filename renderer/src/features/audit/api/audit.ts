import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query'
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
