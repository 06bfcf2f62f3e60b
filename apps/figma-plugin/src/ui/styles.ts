/** The plugin's own styles; colours come from Figma's theme variables, so the UI follows its light and dark themes. */
export const STYLES = `
body {
  color: var(--figma-color-text);
  background: var(--figma-color-bg);
}
.tc-error,
.tc-warning {
  padding: 8px;
  border-radius: 4px;
  color: var(--figma-color-text-danger, #b00020);
  background: var(--figma-color-bg-danger-tertiary, #fde8e8);
}
.tc-warning {
  color: var(--figma-color-text-warning, #8a5a00);
  background: var(--figma-color-bg-warning-tertiary, #fff4d6);
}
.tc-user-code {
  padding: 12px;
  border-radius: 6px;
  text-align: center;
  font: 600 24px/1.2 ui-monospace, SFMono-Regular, Menlo, monospace;
  letter-spacing: 0.12em;
  background: var(--figma-color-bg-secondary);
  user-select: all;
}
.tc-header {
  display: flex;
  justify-content: space-between;
  align-items: center;
}
.tc-list {
  list-style: none;
  margin: 0;
  padding: 0;
  max-height: 240px;
  overflow: auto;
}
.tc-item,
.tc-back {
  display: block;
  width: 100%;
  padding: 6px 8px;
  text-align: left;
  border: 0;
  border-radius: 4px;
  background: none;
  color: var(--figma-color-text);
  font: inherit;
  cursor: pointer;
}
.tc-item:hover,
.tc-back:hover {
  background: var(--figma-color-bg-hover);
}
.tc-bar {
  height: 4px;
  border-radius: 2px;
  background: var(--figma-color-bg-secondary);
}
.tc-bar-fill {
  height: 100%;
  border-radius: 2px;
  background: var(--figma-color-bg-brand);
}
`
