import { useState } from 'react'
import { useMutation } from '@tanstack/react-query'
import { call } from '../../../lib/api'
import { ConfirmDialog, DoneNotice } from '../../../components/ui'
import { RecoveryKeySheet, StoreRecoveryKeyForm } from '../../auth/components/RecoveryKey'

type Step = { kind: 'idle' } | { kind: 'asking' } | { kind: 'showing'; recoveryKey: string } | { kind: 'stored' }

/**
 * A supervisor replaces the office's recovery key (the old one lost, or seen by someone who should not have it). It
 * asks first, then shows the new key once, with the same print and confirm as at first run.
 */
export function NewRecoveryKey({ officeName, username }: { officeName: string; username: string }) {
  const [step, setStep] = useState<Step>({ kind: 'idle' })
  const make = useMutation({ mutationFn: () => call('accounts.newRecoveryKey', {}) })

  return (
    <section className="card section-gap" aria-labelledby="recovery-key-heading">
      <h2 id="recovery-key-heading" className="no-print">
        Recovery key
      </h2>
      {step.kind === 'showing' ? (
        <>
          <div className="no-print">
            <p className="notice">
              <strong>This is the office’s new recovery key, shown only this once.</strong> Print it or write it down
              now and keep it somewhere safe, away from this computer. The old key no longer opens the office’s data.
            </p>
          </div>
          <RecoveryKeySheet recoveryKey={step.recoveryKey} officeName={officeName} madeWith={`by “${username}”`} />
          <StoreRecoveryKeyForm continueLabel="Done" onStored={() => setStep({ kind: 'stored' })} />
        </>
      ) : (
        <>
          <p>
            If every supervisor forgets their password, the recovery key printed at set-up is the only way back in. If
            it is lost, or someone who should not have it has seen it, make a new one.
          </p>
          {step.kind === 'stored' ? (
            <DoneNotice>
              <p>The new recovery key is in use. Keep it with the office’s other important papers.</p>
            </DoneNotice>
          ) : null}
          {make.isError ? (
            <div role="alert" className="notice notice--error">
              <p>No new key was made. {make.error.message}</p>
            </div>
          ) : null}
          <button type="button" className="button" onClick={() => setStep({ kind: 'asking' })}>
            Make a new recovery key…
          </button>
        </>
      )}
      {step.kind === 'asking' ? (
        <ConfirmDialog
          title="Make a new recovery key?"
          stayLabel="Cancel"
          goLabel="Make a new recovery key"
          busy={make.isPending}
          onStay={() => setStep({ kind: 'idle' })}
          onGo={() =>
            make.mutate(undefined, {
              onSuccess: ({ recoveryKey }) => setStep({ kind: 'showing', recoveryKey }),
              onError: () => setStep({ kind: 'idle' }),
            })
          }
        >
          <p>
            The current recovery key stops working for the office’s data as it is now. You are shown the new one once,
            to print or write down.
          </p>
          <p>
            Backups made before today still open with the recovery key of their time, so keep the old key with those
            backups until they are no longer needed.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  )
}
