import { lazy, Suspense } from 'react'
import { LoadingState } from '../../../components/ui'
import { may } from '../../auth/session'
import type { CoachTab, CoachTabProps } from '../../roster/components/CoachPage'

const LadderOverview = lazy(() => import('./LadderOverview'))

/** The coach's career ladder: stage and history, the next stage's requirements with progress, and trainings. */
export const ladderTab: CoachTab = {
  key: 'ladder',
  label: 'Ladder',
  hasContent: ({ user }: CoachTabProps) => may(user, 'ladder.coach'),
  Content: function LadderTabContent({ coach }: CoachTabProps) {
    return (
      <Suspense fallback={<LoadingState what="the ladder page" />}>
        <LadderOverview coachId={coach.id} />
      </Suspense>
    )
  },
}
