import { render } from '@create-figma-plugin/ui'
import { App } from './ui/App.tsx'

/** The plugin's iframe: all network traffic (sign-in, REST) happens here, not in the sandbox. */
export default render(App)
