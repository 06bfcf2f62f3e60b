/** Figma groups variables by `/` in their names; tokens use `.` (DTCG paths). */
export function toFigmaName(tokenName: string): string {
  return tokenName.split('.').join('/')
}

export function fromFigmaName(variableName: string): string {
  return variableName
    .split('/')
    .map((segment) => segment.trim())
    .join('.')
}
