import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { ChannelInput } from '@shared/api/contract'
import type { Dispatch, DispatchListInput } from '@shared/domain/dispatches'
import { call } from '../../../lib/api'

const dispatchesKey = ['dispatches'] as const

export function useDispatchPages(filters: Omit<DispatchListInput, 'after'>, enabled = true) {
  return useInfiniteQuery({
    queryKey: [...dispatchesKey, 'list', filters],
    queryFn: ({ pageParam }) => call('dispatches.list', { ...filters, after: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: keepPreviousData,
    enabled,
  })
}

export function useDispatch(id: number) {
  return useQuery({
    queryKey: [...dispatchesKey, 'one', id],
    queryFn: () => call('dispatches.get', { id }),
    enabled: Number.isSafeInteger(id) && id > 0,
    retry: false,
  })
}

/** Who to send: the contract's active team members not on an open dispatch, least loaded this week first. */
export function useSuggestions(contractId: number | null) {
  return useQuery({
    queryKey: [...dispatchesKey, 'suggest', contractId],
    queryFn: () => call('dispatches.suggestCoaches', { contractId: contractId! }),
    enabled: contractId !== null && Number.isSafeInteger(contractId) && contractId > 0,
  })
}

function useDispatchMutation<C extends 'dispatches.create' | 'dispatches.update'>(channel: C) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: ChannelInput<C>) => call(channel, input) as Promise<Dispatch>,
    onSuccess: async (dispatch) => {
      queryClient.setQueryData([...dispatchesKey, 'one', dispatch.id], dispatch)
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: [...dispatchesKey, 'list'] }),
        queryClient.invalidateQueries({ queryKey: [...dispatchesKey, 'suggest'] }),
        queryClient.invalidateQueries({ queryKey: ['contracts', 'dashboard'] }),
      ])
    },
  })
}
export const useCreateDispatch = () => useDispatchMutation('dispatches.create')
export const useUpdateDispatch = () => useDispatchMutation('dispatches.update')
