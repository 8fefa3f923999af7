import { Button, Group, Table, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface Column<Row> {
  header: ReactNode;
  cell: (row: Row) => ReactNode;
}

/**
 * A table of directory entries: the first column names the row (a row
 * header), the last offers Edit and, where given, Delete, each named after
 * the entry for screen readers ("Edit Hebron").
 */
export function EntityTable<Row extends { id: string }>({
  rows,
  columns,
  nameOf,
  onEdit,
  actions,
  minWidth = 720,
}: {
  rows: Row[];
  columns: [Column<Row>, ...Column<Row>[]];
  nameOf: (row: Row) => string;
  onEdit: (row: Row) => void;
  /** More buttons after Edit (Delete, Disable…). */
  actions?: (row: Row) => ReactNode;
  minWidth?: number;
}) {
  const { t } = useTranslation();
  const [first, ...rest] = columns;
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table verticalSpacing="xs" striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed for a table's life
              <Table.Th key={i} scope="col">
                {column.header}
              </Table.Th>
            ))}
            <Table.Th scope="col">
              <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.id}>
              <Table.Th scope="row" fw={500}>
                {first.cell(row)}
              </Table.Th>
              {rest.map((column, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: as above
                <Table.Td key={i}>{column.cell(row)}</Table.Td>
              ))}
              <Table.Td>
                <Group gap={4} wrap="nowrap" justify="flex-end">
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    onClick={() => onEdit(row)}
                    aria-label={t('admin.editNamed', { name: nameOf(row) })}
                  >
                    {t('common.edit')}
                  </Button>
                  {actions?.(row)}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
