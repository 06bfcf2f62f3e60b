import { Text } from '@create-figma-plugin/ui'
import type { Progress } from '../events.ts'

export function ProgressBar({ progress }: { progress: Progress }) {
  const percent = progress.total === 0 ? 100 : Math.round((progress.done / progress.total) * 100)
  return (
    <div role="progressbar" aria-valuenow={percent} aria-valuemin={0} aria-valuemax={100}>
      <Text>
        {progress.phase}… {percent}%
      </Text>
      <div class="tc-bar">
        <div class="tc-bar-fill" style={{ width: `${percent}%` }} />
      </div>
    </div>
  )
}
