import { PlusOutlined } from '@ant-design/icons';
import type { Area } from '@openami/contract';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Descriptions, Empty, Input, Popconfirm, Row, Space, Spin, Tree } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context.tsx';
import { useSession } from '../../auth/session.tsx';
import type { AreaNode } from '../../shared/area-tree.ts';
import { errorText } from '../../shared/error-text.ts';
import { formatTime } from '../../shared/format.ts';
import { QueryError } from '../../shared/query-error.tsx';
import { EmptyState } from '../../shared/states.tsx';
import { areasKey, useAreas } from '../../shared/use-areas.ts';
import { AreaForm, type AreaValues } from './area-form.tsx';

/** Tree nodes, keeping a branch when the area or anything beneath it matches the search. */
function treeData(nodes: readonly AreaNode[], search: string): DataNode[] {
  const needle = search.trim().toLowerCase();
  return nodes.flatMap((node) => {
    const children = treeData(node.children, search);
    const matches =
      needle === '' ||
      node.area.name.toLowerCase().includes(needle) ||
      node.area.code.toLowerCase().includes(needle);
    if (!matches && children.length === 0) return [];
    return [{ key: node.area.id, title: `${node.area.name} (${node.area.code})`, children }];
  });
}

type Editing =
  | { readonly kind: 'closed' }
  | { readonly kind: 'create' | 'edit'; readonly initial: Partial<AreaValues> };

export default function AreasPage() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const session = useSession();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { forest, byId, nameOf, query } = useAreas();
  const [search, setSearch] = useState('');
  const [selectedId, setSelectedId] = useState<number | undefined>();
  const [editing, setEditing] = useState<Editing>({ kind: 'closed' });
  // Everything is open until the user folds a branch; a search opens everything again.
  const [expanded, setExpanded] = useState<readonly number[] | undefined>();
  const selected = selectedId === undefined ? undefined : byId.get(selectedId);
  const canWrite = session.can('area.write');
  const nodes = useMemo(() => treeData(forest, search), [forest, search]);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['/api/areas'] });

  const save = async (values: AreaValues) => {
    if (editing.kind === 'edit' && selected !== undefined) {
      await api.patch<Area>(`/api/areas/${selected.id}`, values);
    } else {
      const created = await api.post<Area>('/api/areas', values);
      setSelectedId(created.id);
      const parentId = values.parentId;
      if (parentId !== null) setExpanded((keys) => (keys === undefined ? undefined : [...keys, parentId]));
    }
    void message.success(t('common.saved'));
    await refresh();
  };

  const remove = async (area: Area) => {
    try {
      await api.delete(`/api/areas/${area.id}`);
      setSelectedId(undefined);
      void message.success(t('common.deleted'));
      await queryClient.invalidateQueries({ queryKey: areasKey });
    } catch (error) {
      void message.error(errorText(error, t));
    }
  };

  return (
    <Row gutter={16}>
      <Col xs={24} md={10}>
        <Card
          title={t('nav.areas')}
          extra={
            canWrite ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() =>
                  setEditing({
                    kind: 'create',
                    initial: { parentId: selected?.id ?? null, kind: 'building' },
                  })
                }
              >
                {selected === undefined ? t('areas.create') : t('areas.createChild')}
              </Button>
            ) : null
          }
        >
          <QueryError error={query.error} retry={() => void query.refetch()} />
          <Input.Search
            placeholder={t('areas.search')}
            allowClear
            onChange={(e) => setSearch(e.target.value)}
            style={{ marginBottom: 12 }}
          />
          {query.isLoading ? (
            <Spin />
          ) : query.isError && nodes.length === 0 ? null : nodes.length === 0 ? (
            <EmptyState description={search === '' ? t('areas.empty') : t('areas.noMatch')} />
          ) : (
            <Tree
              treeData={nodes}
              expandedKeys={expanded === undefined || search !== '' ? [...byId.keys()] : [...expanded]}
              onExpand={(keys) => setExpanded(keys.filter((k): k is number => typeof k === 'number'))}
              selectedKeys={selectedId === undefined ? [] : [selectedId]}
              onSelect={(keys) => setSelectedId(typeof keys[0] === 'number' ? keys[0] : undefined)}
              data-testid="area-tree"
            />
          )}
        </Card>
      </Col>
      <Col xs={24} md={14}>
        <Card title={selected === undefined ? t('areas.details') : selected.name}>
          {selected === undefined ? (
            <Empty description={t('areas.pick')} />
          ) : (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Descriptions column={1} bordered size="small">
                <Descriptions.Item label={t('common.code')}>{selected.code}</Descriptions.Item>
                <Descriptions.Item label={t('areas.kind')}>
                  {t(`areaKinds.${selected.kind}`)}
                </Descriptions.Item>
                <Descriptions.Item label={t('areas.parent')}>
                  {selected.parentId === null ? t('areas.noParent') : nameOf(selected.parentId)}
                </Descriptions.Item>
                <Descriptions.Item label={t('common.updatedAt')}>
                  {formatTime(selected.updatedAt, i18n.language)}
                </Descriptions.Item>
              </Descriptions>
              {canWrite ? (
                <Space>
                  <Button
                    onClick={() =>
                      setEditing({
                        kind: 'edit',
                        initial: {
                          parentId: selected.parentId,
                          kind: selected.kind,
                          code: selected.code,
                          name: selected.name,
                        },
                      })
                    }
                  >
                    {t('common.edit')}
                  </Button>
                  <Popconfirm
                    title={t('areas.confirmDelete', { name: selected.name })}
                    okText={t('common.delete')}
                    cancelText={t('common.cancel')}
                    onConfirm={() => remove(selected)}
                  >
                    <Button danger>{t('common.delete')}</Button>
                  </Popconfirm>
                </Space>
              ) : null}
            </Space>
          )}
        </Card>
      </Col>
      <AreaForm
        open={editing.kind !== 'closed'}
        editing={editing.kind === 'edit' ? selected : undefined}
        initial={editing.kind === 'closed' ? {} : editing.initial}
        onSubmit={save}
        onClose={() => setEditing({ kind: 'closed' })}
      />
    </Row>
  );
}
