import { lazy, Suspense } from 'react'
import { LoadingState } from '../../../components/ui'
import { may } from '../../auth/session'
import type { CoachTab, CoachTabProps } from '../../roster/components/CoachPage'

// The charts and their library load when the tab is first shown, not with the coach's page or with sign-in.
const GrowthOverview = lazy(() => import('./GrowthOverview'))

/** The coach's growth: their assessments, charts, focus areas and goals (a coach's landing page). */
export const growthTab: CoachTab = {
  key: 'growth',
  label: 'Growth',
  hasContent: ({ user }: CoachTabProps) => may(user, 'growth.coach'),
  Content: function GrowthTabContent({ coach }: CoachTabProps) {
    return (
      <Suspense fallback={<LoadingState what="the growth page" />}>
        <GrowthOverview coachId={coach.id} />
      </Suspense>
    )
  },
}
