import { Bold, Stack, Text } from '@create-figma-plugin/ui'
import type { PullReport } from '../events.ts'
import { UnsupportedList } from './UnsupportedList.tsx'

export function PullReportView({ report }: { report: PullReport }) {
  return (
    <Stack space="small">
      <Text>
        <Bold>
          {report.collectionCreated ? 'Created' : 'Updated'} collection “{report.collectionName}”
        </Bold>
      </Text>
      <Text>
        {report.variablesCreated} variables created, {report.variablesUpdated} updated,{' '}
        {report.variablesRemoved} removed; {report.modesCreated} modes added; {report.textStyles}{' '}
        text styles, {report.effectStyles} effect styles.
      </Text>
      {report.warnings.map((warning) => (
        <div role="alert" class="tc-warning" key={warning}>
          {warning}
        </div>
      ))}
      <UnsupportedList title="Not held by Figma" items={report.unsupported} />
    </Stack>
  )
}
