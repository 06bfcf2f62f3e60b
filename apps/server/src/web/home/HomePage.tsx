import type { MemberView, TokensetView, WorkspaceView } from '@tokencraft/shared'
import { MEMBER_ROLES } from '@tokencraft/shared'
import { type DtcgColor, type JsonValue, TOKEN_TYPES, toRgba8 } from '@tokencraft/tokens'
import type { BrowsedToken } from '../../domain/browse.ts'
import { CsrfField, FormError, Layout } from '../Layout.tsx'

export type HomeProps = {
  email: string
  csrf: string
  workspaces: WorkspaceView[]
  workspace?: WorkspaceView | undefined
  tokensets?: TokensetView[] | undefined
  members?: MemberView[] | undefined
  tokenset?: TokensetView | undefined
  browsed?: { modes: { name: string; isDefault: boolean }[]; tokens: BrowsedToken[] } | undefined
  error?: string | undefined
}

const canEdit = (role: string) => role === 'owner' || role === 'admin' || role === 'editor'
const canManage = (role: string) => role === 'owner' || role === 'admin'

const hex2 = (n: number) => Math.round(n).toString(16).padStart(2, '0')

/** A colour swatch as a data: image (the CSP allows no inline styles). */
function Swatch({ value }: { value: JsonValue | undefined }) {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null
  let rgba: ReturnType<typeof toRgba8>
  try {
    rgba = toRgba8(value as unknown as DtcgColor)
  } catch {
    return null
  }
  const fill = `#${hex2(rgba.r)}${hex2(rgba.g)}${hex2(rgba.b)}`
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"><rect width="16" height="16" rx="3" fill="${fill}" fill-opacity="${rgba.a}" stroke="#8888"/></svg>`
  return (
    <img
      class="swatch"
      src={`data:image/svg+xml,${encodeURIComponent(svg)}`}
      width={16}
      height={16}
      alt={fill}
      title={fill}
    />
  )
}

const show = (value: JsonValue | undefined) =>
  value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value)

function TokenTable({ browsed }: { browsed: NonNullable<HomeProps['browsed']> }) {
  if (browsed.tokens.length === 0) return <p class="hint">No tokens yet.</p>
  return (
    <table>
      <thead>
        <tr>
          <th>Name</th>
          <th>Type</th>
          {browsed.modes.map((mode) => (
            <th key={mode.name}>
              {mode.name}
              {mode.isDefault ? <span class="hint"> (default)</span> : null}
            </th>
          ))}
          <th>Description</th>
        </tr>
      </thead>
      <tbody>
        {browsed.tokens.map((token) => (
          <tr key={token.name}>
            <td data-label="Name">
              <code>{token.name}</code>
            </td>
            <td data-label="Type">{token.type}</td>
            {browsed.modes.map((mode) => {
              const value = token.values[mode.name]
              return (
                <td key={mode.name} data-label={mode.name}>
                  {token.type === 'color' ? <Swatch value={value?.resolved} /> : null}{' '}
                  {value?.raw === undefined ? (
                    <span class="hint">{show(value?.resolved)}</span>
                  ) : (
                    show(value.raw)
                  )}
                </td>
              )
            })}
            <td data-label="Description">{token.description ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function NewTokenForm({ tokenset, csrf }: { tokenset: TokensetView; csrf: string }) {
  return (
    <form method="post" action={`/tokensets/${tokenset.id}/tokens`}>
      <h3>New token</h3>
      <CsrfField token={csrf} />
      <label>
        Name <input name="name" required maxLength={1024} placeholder="colors.primary.500" />
      </label>
      <label>
        Type{' '}
        <select name="type">
          {TOKEN_TYPES.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </select>
      </label>
      {tokenset.modes.map((mode) => (
        <label key={mode.id}>
          {mode.name}{' '}
          <input name={`value:${mode.name}`} placeholder="#3366ff, 16px, {other.token} or JSON" />
        </label>
      ))}
      <label>
        Description <input name="description" />
      </label>
      <button type="submit">Create token</button>
    </form>
  )
}

function Members({
  workspace,
  members,
  csrf,
}: {
  workspace: WorkspaceView
  members: MemberView[]
  csrf: string
}) {
  const manage = canManage(workspace.role)
  return (
    <section aria-labelledby="members-title">
      <h2 id="members-title">Members</h2>
      <table>
        <thead>
          <tr>
            <th>Email</th>
            <th>Role</th>
            {manage ? <th>Change</th> : null}
          </tr>
        </thead>
        <tbody>
          {members.map((member) => (
            <tr key={member.user_id}>
              <td data-label="Email">{member.email}</td>
              <td data-label="Role">{member.role}</td>
              {manage ? (
                <td data-label="Change">
                  {member.role === 'owner' ? null : (
                    <>
                      <form
                        method="post"
                        action={`/workspaces/${workspace.id}/members/${member.user_id}`}
                      >
                        <CsrfField token={csrf} />
                        <select name="role" aria-label={`Role of ${member.email}`}>
                          {MEMBER_ROLES.map((role) => (
                            <option key={role} value={role} selected={role === member.role}>
                              {role}
                            </option>
                          ))}
                        </select>
                        <button type="submit">Change role</button>
                      </form>
                      <form
                        method="post"
                        action={`/workspaces/${workspace.id}/members/${member.user_id}/remove`}
                      >
                        <CsrfField token={csrf} />
                        <button type="submit" class="quiet" aria-label={`Remove ${member.email}`}>
                          Remove
                        </button>
                      </form>
                    </>
                  )}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {manage ? (
        <form method="post" action={`/workspaces/${workspace.id}/members`}>
          <h3>Add member</h3>
          <CsrfField token={csrf} />
          <label>
            Email <input name="email" type="email" required />
          </label>
          <label>
            Role{' '}
            <select name="role">
              {MEMBER_ROLES.map((role) => (
                <option key={role} value={role} selected={role === 'editor'}>
                  {role}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">Add member</button>
        </form>
      ) : null}
    </section>
  )
}

/** `/`: workspaces → tokensets → tokens with their values per mode (SPEC §2). */
export function HomePage(props: HomeProps) {
  const { workspace, tokenset, csrf } = props
  return (
    <Layout title="Tokens" email={props.email} csrf={csrf}>
      <h1>Tokens</h1>
      <FormError message={props.error} />
      <nav aria-label="Workspaces">
        <h2>Workspaces</h2>
        <ul>
          {props.workspaces.map((w) => (
            <li key={w.id}>
              <a
                href={`/?workspace=${w.id}`}
                aria-current={w.id === workspace?.id ? 'page' : undefined}
              >
                {w.name}
              </a>{' '}
              <span class="hint">{w.role}</span>
            </li>
          ))}
        </ul>
      </nav>
      {workspace && props.tokensets ? (
        <section aria-labelledby="tokensets-title">
          <h2 id="tokensets-title">Tokensets of {workspace.name}</h2>
          {props.tokensets.length === 0 ? <p class="hint">No tokensets yet.</p> : null}
          <ul>
            {props.tokensets.map((set) => (
              <li key={set.id}>
                <a
                  href={`/?workspace=${workspace.id}&tokenset=${set.id}`}
                  aria-current={set.id === tokenset?.id ? 'page' : undefined}
                >
                  {set.name}
                </a>{' '}
                <span class="hint">
                  {set.token_count} tokens · {set.modes.map((m) => m.name).join(', ')}
                </span>
              </li>
            ))}
          </ul>
          {canEdit(workspace.role) ? (
            <form method="post" action={`/workspaces/${workspace.id}/tokensets`}>
              <h3>New tokenset</h3>
              <CsrfField token={csrf} />
              <label>
                Name <input name="name" required maxLength={255} />
              </label>
              <label>
                Modes{' '}
                <input
                  name="modes"
                  placeholder="Light, Dark (first is the default; Base when empty)"
                />
              </label>
              <button type="submit">Create tokenset</button>
            </form>
          ) : null}
        </section>
      ) : null}
      {workspace && tokenset && props.browsed ? (
        <section aria-labelledby="tokens-title">
          <h2 id="tokens-title">{tokenset.name}</h2>
          {tokenset.description ? <p>{tokenset.description}</p> : null}
          <TokenTable browsed={props.browsed} />
          {canEdit(workspace.role) ? <NewTokenForm tokenset={tokenset} csrf={csrf} /> : null}
        </section>
      ) : null}
      {workspace && props.members ? (
        <Members workspace={workspace} members={props.members} csrf={csrf} />
      ) : null}
    </Layout>
  )
}
