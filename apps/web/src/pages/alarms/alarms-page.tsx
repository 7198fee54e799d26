import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { AlarmListTab } from './alarm-list-tab.tsx';
import { AlarmRulesTab } from './alarm-rules-tab.tsx';

/** Alarms: the live list with its evidence and acknowledgements, and the rules that raise them. */
export default function AlarmsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tabs = [
    { key: 'list', label: t('alarms.list'), children: <AlarmListTab /> },
    { key: 'rules', label: t('alarms.rules.title'), children: <AlarmRulesTab /> },
  ];
  const active = tabs.some((tab) => tab.key === params.get('tab')) ? (params.get('tab') as string) : 'list';
  return (
    <Card title={t('alarms.title')}>
      <Tabs
        activeKey={active}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        items={tabs}
        destroyOnHidden
      />
    </Card>
  );
}
