import type { ComponentProps, ReactNode } from 'react'
import { PageHeading } from '../../../components/ui'
import { RestoreBackupForm } from '../../backups/components/RestoreBackupForm'
import { AuthLayout } from './AuthLayout'

/** Restoring before anyone can sign in: when the data cannot be opened, or on a new computer at first run. */
export function RestoreScreen({
  title,
  children,
  onBack,
  ...form
}: { title: string; children: ReactNode; onBack(): void } & Omit<
  ComponentProps<typeof RestoreBackupForm>,
  'onCancel' | 'cancelLabel'
>) {
  return (
    <AuthLayout wide>
      <PageHeading documentTitle={title}>{title}</PageHeading>
      {children}
      <RestoreBackupForm {...form} onCancel={onBack} cancelLabel="Back" />
    </AuthLayout>
  )
}
