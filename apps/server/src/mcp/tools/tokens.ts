import {
  createTokenInput,
  deletedOutput,
  deleteTokenInput,
  exportOutput,
  exportTokensetInput,
  getTokenInput,
  importTokensInput,
  importTokensOutput,
  listTokensInput,
  searchTokensInput,
  searchTokensOutput,
  tokenDetailOutput,
  tokenOutput,
  tokensPageOutput,
  updateTokenInput,
} from '@tokencraft/shared'
import { exportByModeName } from '../../domain/export.ts'
import { importTokens } from '../../domain/import.ts'
import { searchTokens } from '../../domain/search.ts'
import { createToken, deleteToken, getToken, listTokens, updateToken } from '../../domain/tokens.ts'
import { CREATE, DELETE, defineTool, OVERWRITE_VERSIONED, READ } from './define.ts'

export const tokenTools = [
  defineTool({
    name: 'list_tokens',
    title: 'List tokens',
    description:
      'Tokens of a tokenset with their value per mode, by name; filter by mode, name_prefix or type. Pages of limit (100) tokens: pass next_cursor as cursor for the next page.',
    scope: 'read:tokens',
    input: listTokensInput,
    output: tokensPageOutput,
    annotations: READ,
    run: (db, caller, args) => listTokens(db, caller, args),
  }),
  defineTool({
    name: 'get_token',
    title: 'Get a token',
    description:
      'One token by name: its raw and resolved value in every mode, and the alias chain it follows.',
    scope: 'read:tokens',
    input: getTokenInput,
    output: tokenDetailOutput,
    annotations: READ,
    run: (db, caller, args) => getToken(db, caller, args),
  }),
  defineTool({
    name: 'search_tokens',
    title: 'Search tokens',
    description:
      'Tokens of every tokenset of a workspace whose name, description or value contain all the words of query (case-insensitive).',
    scope: 'read:tokens',
    input: searchTokensInput,
    output: searchTokensOutput,
    annotations: READ,
    run: (db, caller, args) => searchTokens(db, caller, args),
  }),
  defineTool({
    name: 'create_token',
    title: 'Create a token',
    description:
      'Creates a token with a value per mode (values: mode name → value), or one value with mode_id + value or alias_to (the hosted product\'s arguments; the default mode without mode_id). Values may be written as people write them — "#0066ff", "rgb(0 102 255)", "oklch(…)", "16px", "1.5rem", "200ms", "bold", "Inter, sans-serif", "cubic-bezier(…)", CSS shorthand for shadow, border, typography — and are stored as DTCG 2025.10; the answer lists every change in changes. type is inferred from the value when absent. An alias "{other.token}" must resolve, without cycles. A mode without a value uses the default mode\'s; a token given only in other modes also gets that value in the default mode.',
    scope: 'write:tokens',
    input: createTokenInput,
    output: tokenOutput,
    annotations: CREATE,
    run: (db, caller, args) => createToken(db, caller, args),
  }),
  defineTool({
    name: 'update_token',
    title: 'Update a token',
    description:
      "Changes a token found by name: new_name, type, values (per mode; null removes a mode's value) or mode_id + value / alias_to, description, deprecated, extensions. Values are read as create_token reads them; changes lists what was normalized. Pass version to refuse the update if someone changed the token since you read it.",
    scope: 'write:tokens',
    input: updateTokenInput,
    output: tokenOutput,
    annotations: OVERWRITE_VERSIONED,
    run: (db, caller, args) => updateToken(db, caller, args),
  }),
  defineTool({
    name: 'delete_token',
    title: 'Delete a token',
    description: 'Deletes a token by name, unless another token is an alias of it.',
    scope: 'write:tokens',
    input: deleteTokenInput,
    output: deletedOutput,
    annotations: DELETE,
    run: (db, caller, args) => deleteToken(db, caller, args),
  }),
  defineTool({
    name: 'import_tokens',
    title: 'Import tokens',
    description:
      'Upserts the tokens of a document into one mode by name: DTCG, Style Dictionary (value/type/comment) or Tokens Studio (token sets in $metadata order; with $themes and no mode, each theme becomes a mode); or Tokens Studio\'s multi-file layout as files. Untyped tokens get the type of their alias target, group or value; values are normalized as in create_token; members DTCG does not define are kept under $extensions["dev.tokencraft.members"]. All or nothing: if any token is invalid nothing changes, unless skip_invalid imports the others and lists the rest. A mode that does not exist is created. changes lists every change.',
    scope: 'write:tokens',
    input: importTokensInput,
    output: importTokensOutput,
    annotations: OVERWRITE_VERSIONED,
    run: (db, caller, args) => importTokens(db, caller, args),
  }),
  defineTool({
    name: 'export_tokenset',
    title: 'Export a tokenset',
    description:
      'Exports a tokenset as json (DTCG), css (custom properties), ios (Swift) or android (resource XML): every mode, or one with mode. Returns the files.',
    scope: 'export:tokens',
    input: exportTokensetInput,
    output: exportOutput,
    annotations: READ,
    run: (db, caller, args) => exportByModeName(db, caller, args),
  }),
]
