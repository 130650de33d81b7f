import { PageHeading } from '../../../components/ui'
import { AuthLayout } from './AuthLayout'
import { RecoveryKeySheet, StoreRecoveryKeyForm } from './RecoveryKey'

/** Shown once, straight after set-up: the only way back in if every supervisor forgets their password. */
export function RecoveryKeyScreen({
  recoveryKey,
  officeName,
  username,
  onContinue,
}: {
  recoveryKey: string
  officeName: string
  username: string
  onContinue(): void
}) {
  return (
    <AuthLayout wide>
      <div className="no-print">
        <PageHeading documentTitle="Your recovery key">Your recovery key</PageHeading>
        <p>
          If every supervisor forgets their password, this key is the only way back into the office’s records. Nobody,
          not even the app’s makers, can open them without a password or this key.
        </p>
        <p className="notice">
          <strong>It is shown only this once.</strong> Print it or write it down now, and keep it somewhere safe and
          apart from this computer, such as the office safe.
        </p>
      </div>
      <RecoveryKeySheet
        recoveryKey={recoveryKey}
        officeName={officeName}
        madeWith={`with the first supervisor account, “${username}”`}
      />
      <StoreRecoveryKeyForm continueLabel="Continue to the app" onStored={onContinue} />
    </AuthLayout>
  )
}
