import { serverUrlAtBuild } from './build-env.js'

export default function (buildOptions) {
  return {
    ...buildOptions,
    define: { ...buildOptions.define, __TOKENCRAFT_URL__: JSON.stringify(serverUrlAtBuild()) },
  }
}
