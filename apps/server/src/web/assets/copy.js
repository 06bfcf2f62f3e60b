// Progressive enhancement: the new token is readable and selectable without this script;
// with it, the "Copy" button appears and copies the token to the clipboard.
for (const button of document.querySelectorAll('button[data-copy]')) {
  const source = document.querySelector(`[data-testid="${button.dataset.copy}"]`)
  if (!source || !navigator.clipboard) continue
  button.hidden = false
  button.addEventListener('click', async () => {
    await navigator.clipboard.writeText(source.textContent.trim())
    button.textContent = 'Copied'
  })
}
