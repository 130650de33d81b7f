import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { ChannelInput } from '@shared/api/contract'
import type { Session, StartScope } from '@shared/domain/supervision'
import { call } from '../../../lib/api'

const key = ['supervision'] as const
const validId = (id: number) => Number.isSafeInteger(id) && id > 0

export function useSession(id: number) {
  return useQuery({
    queryKey: [...key, 'session', id],
    queryFn: () => call('supervision.get', { id }),
    enabled: validId(id),
    retry: false,
  })
}

export function useSessionPages(coachId: number | undefined) {
  return useInfiniteQuery({
    queryKey: [...key, 'list', coachId ?? 'all'],
    queryFn: ({ pageParam }) =>
      call('supervision.list', { ...(coachId ? { coachId } : {}), limit: 20, after: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  })
}

export function useOpenItems(coachId: number) {
  return useQuery({
    queryKey: [...key, 'items', coachId],
    queryFn: () => call('actionItems.list', { coachId, open: true }),
    enabled: validId(coachId),
  })
}

export function useStartPage(scope: StartScope) {
  return useQuery({
    queryKey: [...key, 'start', scope],
    queryFn: () => call('supervision.startPage', { scope }),
    placeholderData: keepPreviousData,
  })
}

export function useBarriers(scope: StartScope) {
  return useQuery({
    queryKey: [...key, 'barriers', scope],
    queryFn: () => call('supervision.barriers', { scope, quarters: 8 }),
    placeholderData: keepPreviousData,
  })
}

export function useSearchPages(query: string) {
  return useInfiniteQuery({
    queryKey: [...key, 'search', query],
    queryFn: ({ pageParam }) => call('supervision.search', { query, limit: 20, after: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    enabled: query.trim() !== '',
  })
}

/** After a change to a session: the fresh record in the cache; lists are asked again when next shown. */
function useSessionMutation<
  C extends 'supervision.create' | 'supervision.update' | 'supervision.signOff' | 'supervision.addAddendum',
>(channel: C) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: ChannelInput<C>) => call(channel, input) as Promise<Session>,
    onSuccess: async (saved) => {
      queryClient.setQueryData([...key, 'session', saved.id], saved)
      await queryClient.invalidateQueries({
        queryKey: key,
        refetchType: channel === 'supervision.update' ? 'none' : 'active',
      })
    },
  })
}

export const useCreateSession = () => useSessionMutation('supervision.create')
export const useUpdateSession = () => useSessionMutation('supervision.update')
export const useSignOff = () => useSessionMutation('supervision.signOff')
export const useAddAddendum = () => useSessionMutation('supervision.addAddendum')

export function useMarkDone() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: ChannelInput<'actionItems.markDone'>) => call('actionItems.markDone', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  })
}
