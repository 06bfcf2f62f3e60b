import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runInNewContext } from 'node:vm'
import { type Browser, chromium, type Frame, type Page } from 'playwright-core'
import type { FakeFigma } from './fake-figma.ts'

export const CHROMIUM = '/usr/bin/chromium'
const FIGMA_HOST = 'http://localhost/figma-plugin-host'
const pluginDir = join(dirname(fileURLToPath(import.meta.url)), '../..')

/** Builds the plugin exactly as `npm run build` does (without the type check) and returns the bundles. */
export function buildPlugin(): { main: string; ui: string } {
  execFileSync(join(pluginDir, '../../node_modules/.bin/build-figma-plugin'), [], {
    cwd: pluginDir,
    stdio: 'pipe',
  })
  return {
    main: readFileSync(join(pluginDir, 'build/main.js'), 'utf8'),
    ui: readFileSync(join(pluginDir, 'build/ui.js'), 'utf8'),
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      // Figma lets a plugin reach the local server its manifest allows (devAllowedDomains);
      // Chromium's Local Network Access prompt would stand in the way of the test server.
      '--disable-features=LocalNetworkAccessChecks',
    ],
  })
}

/**
 * Figma, as far as the plugin can tell: the built sandbox bundle runs in a Node VM against the
 * fake `figma` global; the UI bundle runs in Chromium inside a sandboxed iframe whose origin is
 * `null`, as Figma's plugin iframe is; messages cross as Figma passes them (`pluginMessage`).
 */
export async function openPlugin(
  browser: Browser,
  bundles: { main: string; ui: string },
  figma: FakeFigma,
): Promise<{ page: Page; ui: Frame }> {
  const page = await browser.newPage()
  page.setDefaultTimeout(10_000)
  // The host page is a secure context, as figma.com is, so that the plugin iframe is one too
  // (WebCrypto's `crypto.subtle` requires it); localhost, so that Chromium's private network
  // rules let it reach the test server on 127.0.0.1.
  await page.route(FIGMA_HOST, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: '<!doctype html><title>Figma</title><body style="margin:0"></body>',
    }),
  )
  await page.goto(FIGMA_HOST)
  await page.exposeFunction('__toSandbox', (message: unknown) =>
    figma.ui.onmessage?.(message, { origin: 'null' }),
  )
  figma.uiListener = (message) => {
    void page.evaluate((m) => {
      const frame = document.querySelector('iframe')
      frame?.contentWindow?.postMessage({ pluginMessage: m, pluginId: 'tokencraft' }, '*')
    }, message)
  }
  runInNewContext(bundles.main, { figma, __html__: bundles.ui, setTimeout, console })
  const html = figma.uiHtml
  if (!html) throw new Error('the plugin did not call figma.showUI')
  await page.evaluate((srcdoc) => {
    window.addEventListener('message', (event) => {
      const frame = document.querySelector('iframe')
      if (event.source === frame?.contentWindow && event.data?.pluginMessage) {
        ;(window as unknown as { __toSandbox: (m: unknown) => void }).__toSandbox(
          event.data.pluginMessage,
        )
      }
    })
    const frame = document.createElement('iframe')
    frame.setAttribute('sandbox', 'allow-scripts allow-popups')
    frame.style.cssText = 'width:360px;height:520px;border:0'
    frame.srcdoc = `<!doctype html><html><head><meta charset="utf-8"></head><body>${srcdoc}</body></html>`
    document.body.append(frame)
  }, html)
  const ui = await waitForFrame(page)
  return { page, ui }
}

async function waitForFrame(page: Page): Promise<Frame> {
  for (;;) {
    const frame = page.frames().find((f) => f !== page.mainFrame())
    if (frame) return frame
    await page.waitForEvent('frameattached')
  }
}
