import { Text } from '@create-figma-plugin/ui'
import type { Unsupported } from '@tokencraft/tokens'

/** Lists what could not go across, so that nothing is dropped silently. */
export function UnsupportedList({ title, items }: { title: string; items: Unsupported[] }) {
  if (items.length === 0) return null
  return (
    <details class="tc-list" open={items.length <= 10}>
      <summary>
        {title} ({items.length})
      </summary>
      <ul>
        {items.map((item) => (
          <li key={`${item.tokenName} ${item.mode ?? ''} ${item.reason}`}>
            <Text>
              <code>{item.tokenName}</code>
              {item.mode ? ` (${item.mode})` : ''}: {item.reason}
            </Text>
          </li>
        ))}
      </ul>
    </details>
  )
}
