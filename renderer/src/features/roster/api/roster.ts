import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { ChannelInput } from '@shared/api/contract'
import type { Coach, CoachListInput } from '@shared/domain/roster'
import { call } from '../../../lib/api'

const rosterKey = ['coaches'] as const

export function useRosterPages(filters: Omit<CoachListInput, 'after'>) {
  return useInfiniteQuery({
    queryKey: [...rosterKey, 'list', filters],
    queryFn: ({ pageParam }) => call('coaches.list', { ...filters, after: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: keepPreviousData,
  })
}

export function useCoach(id: number) {
  return useQuery({
    queryKey: [...rosterKey, 'one', id],
    queryFn: () => call('coaches.get', { id }),
    enabled: Number.isSafeInteger(id) && id > 0,
    retry: false,
  })
}

/** After any change to a coach: put the fresh record in the cache and refetch the lists. */
function useCoachMutation<C extends 'coaches.create' | 'coaches.update' | 'coaches.setStatus' | 'coaches.setStage'>(
  channel: C,
) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: ChannelInput<C>) => call(channel, input) as Promise<Coach>,
    onSuccess: async (coach) => {
      queryClient.setQueryData([...rosterKey, 'one', coach.id], coach)
      await queryClient.invalidateQueries({ queryKey: [...rosterKey, 'list'] })
    },
  })
}

export const useCreateCoach = () => useCoachMutation('coaches.create')
export const useUpdateCoach = () => useCoachMutation('coaches.update')
export const useSetCoachStatus = () => useCoachMutation('coaches.setStatus')
export const useSetCoachStage = () => useCoachMutation('coaches.setStage')

/** Active supervisors, for the coach form's and the roster filter's choice of supervisor. */
export function useSupervisorChoices() {
  return useQuery({ queryKey: [...rosterKey, 'supervisors'], queryFn: () => call('coaches.supervisors', {}) })
}
