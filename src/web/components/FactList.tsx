import { DataList } from '@mantine/core';
import type { ReactNode } from 'react';

/** A row of a record's facts: its label and its value. */
export type Fact = [label: string, value: ReactNode];

/** A record's facts as a labelled list (a request's, a report's, an audit entry's). */
export function FactList({ facts, labelWidth = 160 }: { facts: Fact[]; labelWidth?: number }) {
  return (
    <DataList labelWidth={labelWidth} withDivider>
      {facts.map(([label, value]) => (
        <DataList.Item key={label}>
          <DataList.ItemLabel>{label}</DataList.ItemLabel>
          <DataList.ItemValue>{value}</DataList.ItemValue>
        </DataList.Item>
      ))}
    </DataList>
  );
}
