import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { ChannelInput } from '@shared/api/contract'
import { call } from '../../../lib/api'

const ladderKey = ['ladder'] as const
const validId = (id: number) => Number.isSafeInteger(id) && id > 0

export const coachLadderKey = (coachId: number) => [...ladderKey, 'coach', coachId] as const

export function useCoachLadder(coachId: number) {
  return useQuery({
    queryKey: coachLadderKey(coachId),
    queryFn: () => call('ladder.coach', { coachId }),
    enabled: validId(coachId),
  })
}

export function useOfficeLadder() {
  return useQuery({ queryKey: [...ladderKey, 'office'], queryFn: () => call('ladder.office', {}) })
}

export function useRequirementSets() {
  return useQuery({ queryKey: [...ladderKey, 'sets'], queryFn: () => call('requirements.list', {}) })
}

export function useTrainings() {
  return useQuery({ queryKey: [...ladderKey, 'trainings'], queryFn: () => call('trainings.list', {}) })
}

export function useEvaluation(trainingId: number, windowDays: number) {
  return useQuery({
    queryKey: [...ladderKey, 'evaluation', trainingId, windowDays],
    queryFn: () => call('trainings.evaluation', { trainingId, windowDays }),
    enabled: validId(trainingId),
  })
}

/** Every ladder write changes what several pages show (progress, the office view, counts): all are asked again. */
function useLadderMutation<
  C extends
    | 'requirements.save'
    | 'trainings.create'
    | 'trainings.update'
    | 'trainings.attend'
    | 'ladder.recordStep'
    | 'ladder.advance',
>(channel: C) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: ChannelInput<C>) => call(channel, input),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ladderKey })
      // Moving up changes the roster's record too.
      if (channel === 'ladder.advance') await queryClient.invalidateQueries({ queryKey: ['coaches'] })
    },
  })
}

export const useSaveRequirementSet = () => useLadderMutation('requirements.save')
export const useCreateTraining = () => useLadderMutation('trainings.create')
export const useUpdateTraining = () => useLadderMutation('trainings.update')
export const useRecordAttendance = () => useLadderMutation('trainings.attend')
export const useRecordStep = () => useLadderMutation('ladder.recordStep')
export const useAdvance = () => useLadderMutation('ladder.advance')
