import { RESOURCE_FIELD_LABELS, RESOURCE_KINDS, type ResourceContent } from '@shared/domain/directory'
import { onChange, onWrite } from '../audit/audit'
import type { Db } from '../db/schema'
import type { RoutesOf } from '../router'
import * as repo from './directory.repository'
import * as directory from './directory.service'

/** The fields a version holds before the change, read inside the write's transaction. */
async function contentBefore(db: Db, id: number): Promise<ResourceContent | null> {
  const row = await repo.findResource(db, id)
  if (!row) return null
  const version = await repo.findVersion(db, id, row.version)
  return version ? (JSON.parse(version.content) as ResourceContent) : null
}

/** Which fields changed, by name only: the trail never copies a resource's details or a tip's words. */
const namesOf = (fields: readonly (keyof ResourceContent)[]) =>
  fields.map((field) => RESOURCE_FIELD_LABELS[field]).join(', ') || 'nothing'

/** The directory's channels: who may call them is shared/access.ts; what each records is declared here. */
export const directoryRoutes: RoutesOf<'resources.'> = {
  'resources.list': { handle: directory.listResources },
  'resources.get': { handle: directory.getResource },
  'resources.history': { handle: directory.resourceHistory },
  'resources.pathways': { handle: directory.listPathways },
  'resources.coaches': { handle: directory.coachChoices },
  'resources.create': {
    handle: directory.createResource,
    audit: onWrite(({ output }) => ({
      action: 'create',
      recordType: 'resource',
      recordId: output.id,
      summary: `Added to the directory (${RESOURCE_KINDS[output.kind]})`,
    })),
  },
  'resources.update': {
    handle: directory.updateResource,
    audit: onChange(
      (db, input) => contentBefore(db, input.id),
      ({ output, before }) => ({
        action: 'update',
        recordType: 'resource',
        recordId: output.id,
        summary: `Details changed: ${namesOf(before ? directory.changedFields(before, directory.contentOf(output)) : [])} (version ${output.version})`,
      }),
    ),
  },
  'resources.check': {
    handle: directory.checkResource,
    audit: onWrite(({ output }) => ({
      action: 'check',
      recordType: 'resource',
      recordId: output.id,
      summary: `Marked checked (version ${output.version})`,
    })),
  },
  'resources.addTip': {
    handle: directory.addTip,
    audit: onWrite(({ output }) => ({
      action: 'add_tip',
      recordType: 'resource',
      recordId: output.id,
      summary: `Tip added (${output.tips.length} in all)`,
    })),
  },
  'resources.restore': {
    handle: directory.restoreVersion,
    audit: onChange(
      (db, input) => contentBefore(db, input.id),
      ({ input, output, before }) => ({
        action: 'restore_version',
        recordType: 'resource',
        recordId: output.id,
        summary: `Version ${input.version} restored as version ${output.version}: ${namesOf(before ? directory.changedFields(before, directory.contentOf(output)) : [])}`,
      }),
    ),
  },
  'resources.addPathway': {
    handle: directory.addPathway,
    audit: onWrite(({ output }) => ({
      action: 'create',
      recordType: 'resource_pathway',
      recordId: output.id,
      summary: 'Pathway added to the list',
    })),
  },
}
