import { useState } from 'react'
import { PageHeader } from '../../../components/ui'
import { useSession } from '../session'
import { ChangePasswordForm } from './ChangePassword'

/** The page in the app, for a signed-in user who wants a new password. */
export function ChangePasswordPage() {
  const session = useSession()
  const [done, setDone] = useState(false)
  return (
    <>
      <PageHeader documentTitle="Change your password" title="Change your password" />
      {done ? (
        <p role="status" className="notice notice--success">
          Your password was changed. Use the new one from now on.
        </p>
      ) : null}
      <ChangePasswordForm
        currentLabel="Current password"
        username={session.user.username}
        submitLabel="Change password"
        onChanged={(status) => {
          setDone(true)
          session.update(status)
        }}
      />
    </>
  )
}
