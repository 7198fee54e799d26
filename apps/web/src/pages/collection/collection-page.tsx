import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useSession } from '../../auth/session.tsx';
import { AreaReadTab } from './area-read-tab.tsx';
import { PlansTab } from './plans-tab.tsx';
import { RunsTab } from './runs-tab.tsx';

/** Collection: the reading plans, the runs and their success rates, and reading an area now. */
export default function CollectionPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const tabs = [
    { key: 'plans', label: t('collection.plans'), children: <PlansTab /> },
    { key: 'runs', label: t('collection.runs'), children: <RunsTab /> },
    ...(session.can('meter.readNow')
      ? [{ key: 'area-read', label: t('collection.readArea'), children: <AreaReadTab /> }]
      : []),
  ];
  const active = tabs.some((tab) => tab.key === params.get('tab')) ? (params.get('tab') as string) : 'plans';
  return (
    <Card title={t('nav.collection')}>
      <Tabs
        activeKey={active}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        items={tabs}
        destroyOnHidden
      />
    </Card>
  );
}
