/**
 * An in-memory stand-in for the parts of Figma's plugin API that the plugin uses, faithful to
 * the rules Figma enforces (and that a plugin can trip over):
 * - a new collection has one mode, "Mode 1"; `addMode` copies the default mode's values and
 *   throws "in addMode: Limited to N modes only" past the plan's limit;
 * - a collection holds at most 5,000 variables; names are unique in a collection and may not
 *   contain `.`, `{` or `}`;
 * - a value must match the variable's resolved type; an alias must point to an existing
 *   variable of the same resolved type and may not close a cycle;
 * - scopes must suit the resolved type; `ALL_SCOPES` stands alone, `ALL_FILLS` without the
 *   single fill scopes;
 * - code syntax exists for WEB, ANDROID and iOS only;
 * - a text style's font can be set only after `loadFontAsync` of an installed font.
 */

type ResolvedType = 'COLOR' | 'FLOAT' | 'STRING' | 'BOOLEAN'
type Value =
  | boolean
  | number
  | string
  | { r: number; g: number; b: number; a?: number }
  | { type: 'VARIABLE_ALIAS'; id: string }

export const MAX_VARIABLES = 5000

const SCOPES_BY_TYPE: Record<ResolvedType, string[]> = {
  COLOR: [
    'ALL_SCOPES',
    'ALL_FILLS',
    'FRAME_FILL',
    'SHAPE_FILL',
    'TEXT_FILL',
    'STROKE_COLOR',
    'EFFECT_COLOR',
  ],
  FLOAT: [
    'ALL_SCOPES',
    'TEXT_CONTENT',
    'CORNER_RADIUS',
    'WIDTH_HEIGHT',
    'GAP',
    'STROKE_FLOAT',
    'EFFECT_FLOAT',
    'OPACITY',
    'FONT_WEIGHT',
    'FONT_SIZE',
    'LINE_HEIGHT',
    'LETTER_SPACING',
    'PARAGRAPH_SPACING',
    'PARAGRAPH_INDENT',
  ],
  STRING: ['ALL_SCOPES', 'TEXT_CONTENT', 'FONT_FAMILY', 'FONT_STYLE', 'FONT_WEIGHT'],
  BOOLEAN: ['ALL_SCOPES'],
}

const DEFAULT_VALUE: Record<ResolvedType, Value> = {
  COLOR: { r: 1, g: 1, b: 1, a: 1 },
  FLOAT: 0,
  STRING: '',
  BOOLEAN: false,
}

class PluginData {
  private own = new Map<string, string>()
  private shared = new Map<string, string>()
  getPluginData(key: string) {
    return this.own.get(key) ?? ''
  }
  setPluginData(key: string, value: string) {
    this.own.set(key, value)
  }
  getSharedPluginData(namespace: string, key: string) {
    return this.shared.get(`${namespace}\u0000${key}`) ?? ''
  }
  setSharedPluginData(namespace: string, key: string, value: string) {
    this.shared.set(`${namespace}\u0000${key}`, value)
  }
}

let nextId = 1
const newId = (prefix: string) => `${prefix}:${nextId++}`

export class FakeCollection extends PluginData {
  readonly id = newId('VariableCollectionId')
  modes: { modeId: string; name: string }[]
  readonly remote = false
  constructor(
    private readonly api: FakeVariables,
    public name: string,
  ) {
    super()
    this.modes = [{ modeId: newId('mode'), name: 'Mode 1' }]
  }
  get defaultModeId() {
    return (this.modes[0] as { modeId: string }).modeId
  }
  get variableIds() {
    return this.api.variablesIn(this.id).map((v) => v.id)
  }
  addMode(name: string): string {
    if (this.modes.length >= this.api.modeLimit) {
      throw new Error(`in addMode: Limited to ${this.api.modeLimit} modes only`)
    }
    const modeId = newId('mode')
    this.modes.push({ modeId, name })
    for (const variable of this.api.variablesIn(this.id)) {
      variable.copyMode(this.defaultModeId, modeId)
    }
    return modeId
  }
  renameMode(modeId: string, name: string) {
    const mode = this.modes.find((m) => m.modeId === modeId)
    if (!mode) throw new Error(`in renameMode: no mode ${modeId}`)
    mode.name = name
  }
  removeMode(modeId: string) {
    if (this.modes.length === 1) throw new Error('in removeMode: a collection needs a mode')
    this.modes = this.modes.filter((m) => m.modeId !== modeId)
  }
  remove() {
    for (const variable of this.api.variablesIn(this.id)) variable.remove()
    this.api.collections.delete(this.id)
  }
}

export class FakeVariable extends PluginData {
  readonly id = newId('VariableID')
  description = ''
  readonly remote = false
  hiddenFromPublishing = false
  valuesByMode: Record<string, Value> = {}
  codeSyntax: Partial<Record<'WEB' | 'ANDROID' | 'iOS', string>> = {}
  private _scopes: string[] = ['ALL_SCOPES']
  private _name: string
  constructor(
    private readonly api: FakeVariables,
    name: string,
    readonly variableCollectionId: string,
    readonly resolvedType: ResolvedType,
  ) {
    super()
    this._name = name
    const collection = api.collection(variableCollectionId)
    for (const mode of collection.modes)
      this.valuesByMode[mode.modeId] = DEFAULT_VALUE[resolvedType]
  }
  get name() {
    return this._name
  }
  set name(name: string) {
    this.api.checkName(name, this.variableCollectionId, this)
    this.api.rename(this, name)
    this._name = name
  }
  get scopes() {
    return [...this._scopes]
  }
  set scopes(scopes: string[]) {
    const allowed = SCOPES_BY_TYPE[this.resolvedType]
    for (const scope of scopes) {
      if (!allowed.includes(scope))
        throw new Error(`Invalid scope ${scope} for a ${this.resolvedType} variable`)
    }
    // Figma: ALL_SCOPES excludes every other scope; ALL_FILLS excludes the single fill scopes.
    if (scopes.includes('ALL_SCOPES') && scopes.length > 1) {
      throw new Error('ALL_SCOPES cannot be combined with other scopes')
    }
    if (scopes.includes('ALL_FILLS') && scopes.some((s) => s.endsWith('_FILL'))) {
      throw new Error('ALL_FILLS cannot be combined with FRAME_FILL, SHAPE_FILL or TEXT_FILL')
    }
    this._scopes = [...scopes]
  }
  setVariableCodeSyntax(platform: string, value: string) {
    if (platform !== 'WEB' && platform !== 'ANDROID' && platform !== 'iOS') {
      throw new Error(`Invalid code syntax platform ${platform}`)
    }
    this.codeSyntax[platform] = value
  }
  setValueForMode(modeId: string, value: Value) {
    const collection = this.api.collection(this.variableCollectionId)
    if (!collection.modes.some((m) => m.modeId === modeId)) {
      throw new Error(`in setValueForMode: mode ${modeId} is not in the variable's collection`)
    }
    if (typeof value === 'object' && 'type' in value) {
      const target = this.api.variables.get(value.id)
      if (!target) throw new Error(`in setValueForMode: no variable ${value.id}`)
      if (target.resolvedType !== this.resolvedType) {
        throw new Error(
          `in setValueForMode: cannot alias a ${this.resolvedType} variable to a ${target.resolvedType} variable`,
        )
      }
      if (this.api.reaches(target, this.id)) throw new Error('in setValueForMode: cyclic alias')
      this.valuesByMode[modeId] = { type: 'VARIABLE_ALIAS', id: value.id }
      return
    }
    if (!matchesType(value, this.resolvedType)) {
      throw new Error(
        `in setValueForMode: ${JSON.stringify(value)} is not a ${this.resolvedType} value`,
      )
    }
    this.valuesByMode[modeId] = typeof value === 'object' ? { ...value } : value
  }
  copyMode(from: string, to: string) {
    const value = this.valuesByMode[from]
    if (value !== undefined) this.valuesByMode[to] = value
  }
  remove() {
    this.api.drop(this)
  }
}

function matchesType(value: Value, type: ResolvedType): boolean {
  switch (type) {
    case 'COLOR': {
      if (typeof value !== 'object' || !('r' in value)) return false
      const channels = [value.r, value.g, value.b, value.a ?? 1]
      return channels.every((c) => typeof c === 'number' && c >= 0 && c <= 1)
    }
    case 'FLOAT':
      return typeof value === 'number' && Number.isFinite(value)
    case 'STRING':
      return typeof value === 'string'
    case 'BOOLEAN':
      return typeof value === 'boolean'
  }
}

export class FakeVariables {
  readonly collections = new Map<string, FakeCollection>()
  readonly variables = new Map<string, FakeVariable>()
  /** Per collection, its variables by name: Figma looks names up without scanning. */
  private readonly names = new Map<string, Map<string, FakeVariable>>()
  constructor(public modeLimit: number) {}

  private namesIn(collectionId: string) {
    let names = this.names.get(collectionId)
    if (!names) {
      names = new Map()
      this.names.set(collectionId, names)
    }
    return names
  }
  rename(variable: FakeVariable, name: string) {
    const names = this.namesIn(variable.variableCollectionId)
    names.delete(variable.name)
    names.set(name, variable)
  }
  drop(variable: FakeVariable) {
    this.variables.delete(variable.id)
    this.namesIn(variable.variableCollectionId).delete(variable.name)
  }

  collection(id: string): FakeCollection {
    const collection = this.collections.get(id)
    if (!collection) throw new Error(`no collection ${id}`)
    return collection
  }
  variablesIn(collectionId: string): FakeVariable[] {
    return [...this.namesIn(collectionId).values()]
  }
  checkName(name: string, collectionId: string, self?: FakeVariable) {
    if (name.trim() === '' || /[.{}]/.test(name)) throw new Error(`Invalid variable name "${name}"`)
    const other = this.namesIn(collectionId).get(name)
    if (other && other !== self) {
      throw new Error(`A variable named "${name}" already exists in this collection`)
    }
  }
  /** Whether following `from`'s aliases (in any mode) reaches the variable `id`. */
  reaches(from: FakeVariable, id: string, seen = new Set<string>()): boolean {
    if (from.id === id) return true
    if (seen.has(from.id)) return false
    seen.add(from.id)
    for (const value of Object.values(from.valuesByMode)) {
      if (typeof value === 'object' && 'type' in value) {
        const next = this.variables.get(value.id)
        if (next && this.reaches(next, id, seen)) return true
      }
    }
    return false
  }

  // The figma.variables API
  createVariableCollection = (name: string) => {
    const collection = new FakeCollection(this, name)
    this.collections.set(collection.id, collection)
    return collection
  }
  createVariable = (
    name: string,
    collection: FakeCollection | string,
    resolvedType: ResolvedType,
  ) => {
    const collectionId = typeof collection === 'string' ? collection : collection.id
    this.collection(collectionId)
    if (this.namesIn(collectionId).size >= MAX_VARIABLES) {
      throw new Error(`in createVariable: a collection is limited to ${MAX_VARIABLES} variables`)
    }
    this.checkName(name, collectionId)
    const variable = new FakeVariable(this, name, collectionId, resolvedType)
    this.variables.set(variable.id, variable)
    this.namesIn(collectionId).set(name, variable)
    return variable
  }
  createVariableAlias = (variable: FakeVariable) => ({
    type: 'VARIABLE_ALIAS' as const,
    id: variable.id,
  })
  getLocalVariableCollectionsAsync = async () => [...this.collections.values()]
  getLocalVariablesAsync = async (type?: ResolvedType) =>
    [...this.variables.values()].filter((v) => type === undefined || v.resolvedType === type)
  getVariableByIdAsync = async (id: string) => this.variables.get(id) ?? null
  getVariableCollectionByIdAsync = async (id: string) => this.collections.get(id) ?? null
}

type FontName = { family: string; style: string }

class FakeStyle extends PluginData {
  readonly id = newId('S')
  name = ''
  description = ''
  constructor(private readonly list: Map<string, FakeStyle>) {
    super()
  }
  remove() {
    this.list.delete(this.id)
  }
}

export class FakeTextStyle extends FakeStyle {
  readonly type = 'TEXT'
  private _fontName: FontName = { family: 'Inter', style: 'Regular' }
  fontSize = 12
  lineHeight: unknown = { unit: 'AUTO' }
  letterSpacing: unknown = { unit: 'PERCENT', value: 0 }
  constructor(
    list: Map<string, FakeStyle>,
    private readonly loaded: Set<string>,
  ) {
    super(list)
  }
  get fontName() {
    return this._fontName
  }
  set fontName(font: FontName) {
    if (!this.loaded.has(`${font.family} ${font.style}`)) {
      throw new Error(
        `Cannot use unloaded font "${font.family} ${font.style}". Call figma.loadFontAsync first.`,
      )
    }
    this._fontName = font
  }
}

export class FakeEffectStyle extends FakeStyle {
  readonly type = 'EFFECT'
  effects: unknown[] = []
}

/** The fake `figma` global: variables, styles, fonts, clientStorage, openExternal and the UI channel. */
export class FakeFigma {
  readonly variables: FakeVariables
  readonly styles = new Map<string, FakeStyle>()
  readonly loadedFonts = new Set<string>()
  readonly storage = new Map<string, unknown>()
  readonly opened: string[] = []
  readonly toUi: unknown[] = []
  /** Where `figma.ui.postMessage` delivers (the UI iframe, in the Chromium tests). */
  uiListener: ((message: unknown) => void) | undefined
  /** The HTML the plugin passed to `figma.showUI`. */
  uiHtml: string | undefined
  readonly ui = {
    postMessage: (message: unknown) => {
      this.toUi.push(message)
      this.uiListener?.(message)
    },
    onmessage: undefined as ((message: unknown, props?: unknown) => void) | undefined,
  }
  readonly clientStorage = {
    getAsync: async (key: string) => structuredClone(this.storage.get(key)),
    setAsync: async (key: string, value: unknown) => {
      this.storage.set(key, structuredClone(value))
    },
    deleteAsync: async (key: string) => {
      this.storage.delete(key)
    },
    keysAsync: async () => [...this.storage.keys()],
  }
  readonly editorType = 'figma'
  command = ''

  constructor(
    options: {
      modeLimit?: number
      fonts?: string[]
    } = {},
  ) {
    this.variables = new FakeVariables(options.modeLimit ?? 4)
    this.fonts = new Set(
      options.fonts ?? ['Inter Regular', 'Inter Bold', 'Inter Medium', 'Inter SemiBold'],
    )
  }
  private readonly fonts: Set<string>

  openExternal = (url: string) => {
    this.opened.push(url)
  }
  loadFontAsync = async (font: FontName) => {
    const key = `${font.family} ${font.style}`
    if (!this.fonts.has(key)) throw new Error(`The font "${key}" could not be loaded`)
    this.loadedFonts.add(key)
  }
  createTextStyle = () => {
    const style = new FakeTextStyle(this.styles, this.loadedFonts)
    this.styles.set(style.id, style)
    return style
  }
  createEffectStyle = () => {
    const style = new FakeEffectStyle(this.styles)
    this.styles.set(style.id, style)
    return style
  }
  getLocalTextStylesAsync = async () =>
    [...this.styles.values()].filter((s) => s instanceof FakeTextStyle)
  getLocalEffectStylesAsync = async () =>
    [...this.styles.values()].filter((s) => s instanceof FakeEffectStyle)
  notify = () => ({ cancel: () => {} })
  showUI = (html: string) => {
    this.uiHtml = html
  }
}
