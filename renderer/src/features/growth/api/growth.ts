import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { ChannelInput } from '@shared/api/contract'
import type { Assessment, Goal, TeamGrowthInput } from '@shared/domain/growth'
import { call } from '../../../lib/api'

const growthKey = ['growth'] as const
const assessmentKey = ['assessments'] as const

export const coachGrowthKey = (coachId: number) => [...growthKey, 'coach', coachId] as const

const validId = (id: number) => Number.isSafeInteger(id) && id > 0

export function useCoachGrowth(coachId: number) {
  return useQuery({
    queryKey: coachGrowthKey(coachId),
    queryFn: () => call('growth.coach', { coachId }),
    enabled: validId(coachId),
  })
}

export function useGrowthReport(coachId: number) {
  return useQuery({
    queryKey: [...growthKey, 'report', coachId],
    queryFn: () => call('growth.report', { coachId }),
    enabled: validId(coachId),
  })
}

export function useTeamGrowth(filters: TeamGrowthInput) {
  return useQuery({
    queryKey: [...growthKey, 'team', filters],
    queryFn: () => call('growth.team', filters),
    placeholderData: keepPreviousData,
  })
}

export function useAssessment(id: number) {
  return useQuery({
    queryKey: [...assessmentKey, id],
    queryFn: () => call('assessments.get', { id }),
    enabled: validId(id),
  })
}

/**
 * After any change to an assessment: the fresh record in the cache, and the coach's pages asked again. An autosave
 * does not refetch the growth page while the person is still typing on the editor; it is asked when next opened.
 */
function useAssessmentMutation<
  C extends 'assessments.create' | 'assessments.update' | 'assessments.complete' | 'assessments.amend',
>(channel: C) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: ChannelInput<C>) => call(channel, input) as Promise<Assessment>,
    onSuccess: async (saved) => {
      queryClient.setQueryData([...assessmentKey, saved.id], saved)
      await queryClient.invalidateQueries({ queryKey: growthKey, refetchType: 'none' })
    },
  })
}

export const useCreateAssessment = () => useAssessmentMutation('assessments.create')
export const useUpdateAssessment = () => useAssessmentMutation('assessments.update')
export const useCompleteAssessment = () => useAssessmentMutation('assessments.complete')
export const useAmendAssessment = () => useAssessmentMutation('assessments.amend')

export function useDiscardAssessment() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: ChannelInput<'assessments.discard'>) => call('assessments.discard', input),
    // The discarded draft's own entry is left to go stale: its page is still open until the navigation away.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: growthKey, refetchType: 'none' }),
  })
}

function useGoalMutation<C extends 'goals.create' | 'goals.update'>(channel: C) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: ChannelInput<C>) => call(channel, input) as Promise<Goal>,
    onSuccess: (goal) => queryClient.invalidateQueries({ queryKey: coachGrowthKey(goal.coachId) }),
  })
}

export const useCreateGoal = () => useGoalMutation('goals.create')
export const useUpdateGoal = () => useGoalMutation('goals.update')
