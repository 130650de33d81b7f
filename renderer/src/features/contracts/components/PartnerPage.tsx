import { Link, useLocation, useParams } from 'react-router'
import { PARTNER_TYPES } from '@shared/domain/contracts'
import { DoneNotice, ErrorState, LoadingState, PageHeader } from '../../../components/ui'
import { may, useCurrentUser } from '../../auth/session'
import { usePartner } from '../api/contracts'
import { ContractRows } from './ContractsPage'

export function PartnerPage() {
  const id = Number(useParams().id)
  const partner = usePartner(id)
  const user = useCurrentUser()
  const flash = (useLocation().state as { flash?: string } | null)?.flash
  const crumb = (
    <nav aria-label="Breadcrumb" className="breadcrumb">
      <Link to="/partners">Partners</Link>
    </nav>
  )
  if (partner.isPending) return <LoadingState what="the partner" />
  if (partner.isError) return <ErrorState error={partner.error} />
  const p = partner.data
  return (
    <>
      <PageHeader
        documentTitle={p.name}
        title={p.name}
        before={crumb}
        actions={
          <>
            {may(user, 'partners.update') ? (
              <Link className="button" to={`/partners/${p.id}/edit`}>
                Edit partner
              </Link>
            ) : null}
            {may(user, 'contracts.create') ? (
              <Link className="button button--primary" to={`/contracts/new?partner=${p.id}`}>
                Add a contract
              </Link>
            ) : null}
          </>
        }
      />
      {flash ? (
        <DoneNotice key={flash}>
          <p>{flash}</p>
        </DoneNotice>
      ) : null}
      <div className="columns">
        <section aria-labelledby="partner-details" className="card">
          <h2 id="partner-details">Details</h2>
          <dl className="details">
            <dt>Kind</dt>
            <dd>{PARTNER_TYPES[p.type]}</dd>
            <dt>Address</dt>
            <dd>{p.address ?? '–'}</dd>
            <dt>Notes</dt>
            <dd className="cell-text">{p.notes ?? '–'}</dd>
          </dl>
        </section>
        <section aria-labelledby="partner-contacts" className="card">
          <h2 id="partner-contacts">Contacts</h2>
          {p.contacts.length === 0 ? (
            <p className="muted">No contacts recorded.</p>
          ) : (
            <ul className="stack">
              {p.contacts.map((contact, index) => (
                <li key={index}>
                  <strong>{contact.name}</strong>
                  {contact.role ? `, ${contact.role}` : ''}
                  {contact.phone ? (
                    <>
                      <br />
                      <a href={`tel:${contact.phone}`}>{contact.phone}</a>
                    </>
                  ) : null}
                  {contact.email ? (
                    <>
                      <br />
                      <a href={`mailto:${contact.email}`}>{contact.email}</a>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <section aria-labelledby="partner-contracts" className="section-gap">
        <h2 id="partner-contracts">Contracts</h2>
        {p.contracts.length === 0 ? (
          <p className="muted">No contracts with this partner yet.</p>
        ) : (
          <ContractRows items={p.contracts} caption={`Contracts with ${p.name}`} showPartner={false} />
        )}
      </section>
    </>
  )
}
