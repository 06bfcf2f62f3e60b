/**
 * Which passwords an account may be created with (NIST SP 800-63B §3.1.1.2): at least 8
 * characters, no composition rules, and not one that attackers try first: a list of the most
 * common passwords (common-passwords.txt, its source and licence in its header and in
 * docs/security.md) and the words of this very context (the email, the service's name).
 * Pure apart from reading the list once.
 */
import { readFileSync } from 'node:fs'

export const MIN_PASSWORD_LENGTH = 8
/** scrypt of a longer input costs the same, but the form body limit makes this a clear refusal */
export const MAX_PASSWORD_LENGTH = 1024

let common: ReadonlySet<string> | undefined

/** The shipped list, read on first use (a sign-up), not at start. */
export function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(
    readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('# ')),
  )
  return common
}

/** The form a password is compared in: NFKC (as it is hashed), lower-cased (as the list is). */
function folded(password: string): string {
  return password.normalize('NFKC').toLowerCase()
}

/** Why a new password is refused, or undefined when it may be used. */
export function passwordProblem(password: string, context: { email: string }): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
    return `Choose a password of ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters.`
  }
  const candidate = folded(password)
  if (commonPasswords().has(candidate)) {
    return 'This password is one of the most common passwords, which attackers try first. Choose another.'
  }
  const email = folded(context.email.trim())
  const contextWords = [email, email.split('@')[0] ?? '']
  if (contextWords.includes(candidate) || /^tokencraft[\d\W_]*$/.test(candidate)) {
    return 'This password is too easy to guess from your email or this site’s name. Choose another.'
  }
  return undefined
}
