import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { ChannelInput } from '@shared/api/contract'
import type { Resource, ResourceListInput } from '@shared/domain/directory'
import { call } from '../../../lib/api'

const directoryKey = ['resources'] as const

export function useResourcePages(filters: Omit<ResourceListInput, 'after'>) {
  return useInfiniteQuery({
    queryKey: [...directoryKey, 'list', filters],
    queryFn: ({ pageParam }) => call('resources.list', { ...filters, after: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: keepPreviousData,
  })
}

/** One page of a list, for the printed sheet (which is one page of paper too). */
export function useResourceSheet(filters: Omit<ResourceListInput, 'after'>) {
  return useQuery({
    queryKey: [...directoryKey, 'sheet', filters],
    queryFn: () => call('resources.list', { ...filters, after: null }),
  })
}

export function useResource(id: number) {
  return useQuery({
    queryKey: [...directoryKey, 'one', id],
    queryFn: () => call('resources.get', { id }),
    enabled: Number.isSafeInteger(id) && id > 0,
    retry: false,
  })
}

export function useResourceHistory(id: number) {
  return useQuery({
    queryKey: [...directoryKey, 'history', id],
    queryFn: () => call('resources.history', { id }),
    enabled: Number.isSafeInteger(id) && id > 0,
    retry: false,
  })
}

export function usePathways() {
  return useQuery({ queryKey: [...directoryKey, 'pathways'], queryFn: () => call('resources.pathways', {}) })
}

export function useCoachChoices() {
  return useQuery({ queryKey: [...directoryKey, 'coaches'], queryFn: () => call('resources.coaches', {}) })
}

type ResourceWrite =
  'resources.create' | 'resources.update' | 'resources.check' | 'resources.addTip' | 'resources.restore'

/** After any change to a resource: the fresh record in the cache, and the lists and its history fetched again. */
function useResourceMutation<C extends ResourceWrite>(channel: C) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: ChannelInput<C>) => call(channel, input) as Promise<Resource>,
    onSuccess: async (resource) => {
      queryClient.setQueryData([...directoryKey, 'one', resource.id], resource)
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: [...directoryKey, 'list'] }),
        queryClient.invalidateQueries({ queryKey: [...directoryKey, 'sheet'] }),
        queryClient.invalidateQueries({ queryKey: [...directoryKey, 'history', resource.id] }),
      ])
    },
  })
}

export const useCreateResource = () => useResourceMutation('resources.create')
export const useUpdateResource = () => useResourceMutation('resources.update')
export const useCheckResource = () => useResourceMutation('resources.check')
export const useAddTip = () => useResourceMutation('resources.addTip')
export const useRestoreVersion = () => useResourceMutation('resources.restore')

export function useAddPathway() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: ChannelInput<'resources.addPathway'>) => call('resources.addPathway', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...directoryKey, 'pathways'] }),
  })
}

/** How many resources wait to be checked: the number the directory page invites the team to bring down. */
export function useStaleCount() {
  return useQuery({
    queryKey: [...directoryKey, 'list', 'stale-count'],
    queryFn: async () => (await call('resources.list', { staleOnly: true, limit: 1 })).total,
  })
}
