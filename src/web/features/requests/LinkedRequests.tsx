import { useTranslation } from 'react-i18next';
import type { LinkKind } from '../../../core/requests/schemas';
import { Section } from '../../components/Section';
import { useRequestList } from './api';
import { RequestList } from './RequestList';

/**
 * On a record's own page (a crisis room, a report): the requests linked to
 * it that the reader may see. Nothing is shown where there are none.
 */
export function LinkedRequests({ kind, id }: { kind: LinkKind; id: string }) {
  const { t } = useTranslation();
  const query = useRequestList({ linkedKind: kind, linkedId: id, box: 'all', limit: 20 });
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  if (items.length === 0) return null;
  return (
    <Section id="linked-requests" title={t('requests.links.linkedRequests')}>
      <RequestList items={items} />
    </Section>
  );
}
