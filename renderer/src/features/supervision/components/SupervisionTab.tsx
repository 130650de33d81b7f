import { lazy, Suspense } from 'react'
import { LoadingState } from '../../../components/ui'
import { may } from '../../auth/session'
import type { CoachTab, CoachTabProps } from '../../roster/components/CoachPage'

const SessionList = lazy(() => import('./SessionPages'))

/** A coach's supervision: their sessions' shared notes and their action items ("My supervision" for the coach). */
export const supervisionTab: CoachTab = {
  key: 'supervision',
  label: 'Supervision',
  hasContent: ({ user, coach }: CoachTabProps) =>
    may(user, 'supervision.list') && (user.role === 'supervisor' || user.coachId === coach.id),
  Content: function SupervisionTabContent({ coach }: CoachTabProps) {
    return (
      <Suspense fallback={<LoadingState what="the supervision sessions" />}>
        <SessionList coachId={coach.id} />
      </Suspense>
    )
  },
}
