import { Card, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A titled part of a page; the title names the region for assistive technology. */
export function Section({
  id,
  title,
  description,
  children,
}: {
  id: string;
  title: ReactNode;
  description?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby={`${id}-title`} id={id}>
      <Title order={2} size="h3" id={`${id}-title`}>
        {title}
      </Title>
      {description && (
        <Text size="sm" c="dimmed" mt={4}>
          {description}
        </Text>
      )}
      <div>{children}</div>
    </Card>
  );
}
