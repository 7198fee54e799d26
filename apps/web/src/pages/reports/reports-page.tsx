import { Card, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useSession, useSiteTimeZone } from '../../auth/session.tsx';
import { siteDayBefore } from '../../shared/site-time.ts';
import { EnergyTab } from './energy-tab.tsx';
import { LineLossTab } from './line-loss-tab.tsx';
import type { RangeValue } from './report-filters.tsx';
import { SalesTab } from './sales-tab.tsx';

/**
 * Printing shows only the report itself: the frame (menu, header), the tabs, the filters, the buttons and the
 * chart are left out, so `window.print()` gives a clean sheet that may run over several pages.
 */
const printStyle = `
.report-print-only { display: none; }
@media print {
  .ant-layout-sider, .ant-layout-header, .ant-tabs-nav, .ant-card-head, .report-no-print {
    display: none !important;
  }
  .ant-layout, .ant-layout-content { margin: 0 !important; background: #fff !important; }
  .ant-card { border: 0 !important; box-shadow: none !important; }
  .ant-card-body { padding: 0 !important; }
  .report-print-only { display: block; }
}`;

/** Reports: energy per area or meter, line loss per level of the meter hierarchy, sales. */
export default function ReportsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const timeZone = useSiteTimeZone();
  const [params, setParams] = useSearchParams();
  // The site's last seven days up to today, fixed when the page opens.
  const [initial] = useState<RangeValue>(() => ({
    areaId: undefined,
    from: siteDayBefore(Date.now(), 6, timeZone),
    to: siteDayBefore(Date.now(), 0, timeZone),
  }));
  const tabs = [
    { key: 'energy', label: t('reports.energy'), children: <EnergyTab initial={initial} /> },
    { key: 'line-loss', label: t('reports.lineLoss'), children: <LineLossTab initial={initial} /> },
    ...(session.can('vending.read')
      ? [{ key: 'sales', label: t('reports.sales'), children: <SalesTab initial={initial} /> }]
      : []),
  ];
  const active = tabs.some((tab) => tab.key === params.get('tab')) ? (params.get('tab') as string) : 'energy';
  return (
    <Card title={t('reports.title')}>
      <style>{printStyle}</style>
      <Tabs
        activeKey={active}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        items={tabs}
        destroyOnHidden
      />
    </Card>
  );
}
