import type { CollectionRun, ReadingPlan } from '@openami/contract';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Space, Table, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useApi } from '../../api/api-context.tsx';
import { useSession } from '../../auth/session.tsx';
import { errorText } from '../../shared/error-text.ts';
import { formatTime } from '../../shared/format.ts';
import { QueryError } from '../../shared/query-error.tsx';
import { tableStates } from '../../shared/states.tsx';
import { PlanForm, type PlanValues, planCreateBody, planPatch } from './plan-form.tsx';
import { collapseItems } from './plan-items.ts';
import { scheduleText } from './schedule-text.ts';
import { plansKey, usePlans } from './use-plans.ts';

/** The reading plans: what, whom and when; edited in a form and run now by those who may. */
export function PlansTab() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const session = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { query } = usePlans(i18n.language);
  const [editing, setEditing] = useState<ReadingPlan | 'new' | undefined>();
  const canWrite = session.can('collection.write');

  const save = async (values: PlanValues) => {
    if (editing === undefined) return;
    if (editing === 'new') await api.post('/api/collection/plans', planCreateBody(values));
    else await api.patch(`/api/collection/plans/${editing.id}`, planPatch(values, editing));
    void message.success(t('common.saved'));
    await queryClient.invalidateQueries({ queryKey: plansKey });
  };
  const runNow = async (plan: ReadingPlan) => {
    try {
      const run = await api.post<CollectionRun>(`/api/collection/plans/${plan.id}/run`);
      void queryClient.invalidateQueries({ queryKey: ['/api/collection/runs'] });
      navigate(`/collection/runs/${run.id}`);
    } catch (error) {
      void message.error(errorText(error, t));
    }
  };

  return (
    <>
      <QueryError error={query.error} retry={() => void query.refetch()} />
      {canWrite ? (
        <Button
          type="primary"
          onClick={() => setEditing('new')}
          style={{ marginBottom: 12 }}
          data-testid="new-plan"
        >
          {t('collection.newPlan')}
        </Button>
      ) : null}
      <Table<ReadingPlan>
        rowKey="id"
        dataSource={query.data ?? []}
        {...tableStates(query, query.data?.length ?? 0, t('collection.noPlans'))}
        pagination={false}
        scroll={{ x: 1000 }}
        data-testid="plans"
        columns={[
          {
            title: t('common.name'),
            key: 'name',
            width: 180,
            render: (_, p) => (
              <Space>
                {i18n.language === 'en' ? p.name.en : p.name.zh}
                {p.problem === null ? null : (
                  <Tooltip title={p.problem}>
                    <Tag color="red">{t('collection.planProblem')}</Tag>
                  </Tooltip>
                )}
              </Space>
            ),
          },
          {
            title: t('collection.kind'),
            dataIndex: 'kind',
            width: 110,
            render: (k: string) => t(`planKinds.${k}`),
          },
          {
            title: t('collection.items'),
            dataIndex: 'items',
            render: (items: readonly string[]) =>
              collapseItems(items).map((i) => (
                <Tag key={i}>
                  {t(`itemGroups.${i}`, { defaultValue: t(`dataItems.${i}`, { defaultValue: i }) })}
                </Tag>
              )),
          },
          {
            title: t('collection.schedule'),
            dataIndex: 'schedule',
            render: (_: unknown, p) => scheduleText(p.schedule, t),
          },
          {
            title: t('collection.enabled'),
            dataIndex: 'enabled',
            render: (on: boolean) => (
              <Tag color={on ? 'green' : 'default'}>{on ? t('collection.on') : t('collection.off')}</Tag>
            ),
          },
          {
            title: t('common.updatedAt'),
            dataIndex: 'updatedAt',
            render: (at: number) => formatTime(at, i18n.language),
          },
          ...(canWrite
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, plan: ReadingPlan) => (
                    <Space>
                      <Button type="link" onClick={() => setEditing(plan)}>
                        {t('common.edit')}
                      </Button>
                      <Button type="link" onClick={() => void runNow(plan)}>
                        {t('collection.runNow')}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <PlanForm plan={editing} onSubmit={save} onClose={() => setEditing(undefined)} />
    </>
  );
}
