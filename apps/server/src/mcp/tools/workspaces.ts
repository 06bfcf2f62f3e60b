import {
  createWorkspaceInput,
  deletedOutput,
  deleteWorkspaceInput,
  getWorkspaceInput,
  listResourcesInput,
  listResourcesOutput,
  listWorkspacesInput,
  updateWorkspaceInput,
  workspaceOutput,
  workspacesOutput,
} from '@tokencraft/shared'
import { listTokensets } from '../../domain/tokensets.ts'
import {
  createWorkspace,
  deleteWorkspace,
  getWorkspace,
  listWorkspaces,
  updateWorkspace,
} from '../../domain/workspaces.ts'
import { CREATE, DELETE, defineTool, OVERWRITE, READ } from './define.ts'

export const workspaceTools = [
  defineTool({
    name: 'list_resources',
    title: 'List resources',
    description:
      'Your workspaces; with workspace_id, also its tokensets and their modes (id, name, is_default). Start here to find the ids other tools take.',
    scope: 'read:tokens',
    input: listResourcesInput,
    output: listResourcesOutput,
    annotations: READ,
    run: async (db, caller, args) => {
      const workspaces = await listWorkspaces(db, caller)
      if (args.workspace_id === undefined) return { workspaces }
      const tokensets = await listTokensets(db, caller, args.workspace_id)
      return {
        workspaces,
        tokensets: tokensets.map((set) => ({
          id: set.id,
          name: set.name,
          modes: set.modes.map((m) => ({ id: m.id, name: m.name, is_default: m.is_default })),
        })),
      }
    },
  }),
  defineTool({
    name: 'list_workspaces',
    title: 'List workspaces',
    description: 'The workspaces you are a member of, with your role in each.',
    scope: 'read:tokens',
    input: listWorkspacesInput,
    output: workspacesOutput,
    annotations: READ,
    run: async (db, caller) => ({ workspaces: await listWorkspaces(db, caller) }),
  }),
  defineTool({
    name: 'get_workspace',
    title: 'Get a workspace',
    description: 'One workspace with your role in it.',
    scope: 'read:tokens',
    input: getWorkspaceInput,
    output: workspaceOutput,
    annotations: READ,
    run: async (db, caller, args) => ({
      workspace: await getWorkspace(db, caller, args.workspace_id),
    }),
  }),
  defineTool({
    name: 'create_workspace',
    title: 'Create a workspace',
    description: 'Creates a workspace; you become its owner.',
    scope: 'write:tokens',
    input: createWorkspaceInput,
    output: workspaceOutput,
    annotations: CREATE,
    run: async (db, caller, args) => ({ workspace: await createWorkspace(db, caller, args) }),
  }),
  defineTool({
    name: 'update_workspace',
    title: 'Update a workspace',
    description: 'Renames a workspace or changes its description (admin or owner).',
    scope: 'write:tokens',
    input: updateWorkspaceInput,
    output: workspaceOutput,
    annotations: OVERWRITE,
    run: async (db, caller, args) => ({ workspace: await updateWorkspace(db, caller, args) }),
  }),
  defineTool({
    name: 'delete_workspace',
    title: 'Delete a workspace',
    description: 'Deletes a workspace with all its tokensets and tokens (owner only).',
    scope: 'write:tokens',
    input: deleteWorkspaceInput,
    output: deletedOutput,
    annotations: DELETE,
    run: (db, caller, args) => deleteWorkspace(db, caller, args.workspace_id),
  }),
]
