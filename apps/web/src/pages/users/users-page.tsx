import { PlusOutlined } from '@ant-design/icons';
import { type Locale, locales, type Role, roles, type User } from '@openami/contract';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Select, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context.tsx';
import { useSession } from '../../auth/session.tsx';
import { AreaSelect } from '../../shared/area-select.tsx';
import { FormModal } from '../../shared/form-modal.tsx';
import { usePagedList } from '../../shared/paged-query.ts';
import { QueryError } from '../../shared/query-error.tsx';
import { tableStates } from '../../shared/states.tsx';
import { useAreas } from '../../shared/use-areas.ts';

interface UserValues {
  readonly username: string;
  readonly displayName: string;
  readonly password: string;
  readonly role: Role;
  readonly allAreas: boolean;
  readonly areaIds: number[];
  readonly locale: Locale;
  readonly disabled: boolean;
  readonly resetSecondFactor?: boolean;
}

/** The server's minimum; it refuses shorter ones too. */
const minPasswordLength = 10;

type Editing =
  | { readonly kind: 'closed' }
  | { readonly kind: 'create' }
  | { readonly kind: 'edit'; readonly user: User };

/** Staff users: who they are, their role, and the areas they act on (002 §3.5). */
export default function UsersPage() {
  const { t } = useTranslation();
  const api = useApi();
  const session = useSession();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { nameOf } = useAreas();
  const list = usePagedList<User>('/api/users', {});
  const [editing, setEditing] = useState<Editing>({ kind: 'closed' });
  const canWrite = session.can('user.write');

  const save = async (values: UserValues) => {
    const { password, username, resetSecondFactor, ...rest } = values;
    const areaIds = values.allAreas ? [] : (values.areaIds ?? []);
    if (editing.kind === 'edit') {
      await api.patch(`/api/users/${editing.user.id}`, {
        ...rest,
        areaIds,
        ...(password === undefined || password === '' ? {} : { password }),
        ...(resetSecondFactor === true ? { resetSecondFactor: true } : {}),
      });
    } else {
      const { disabled: _disabled, ...fields } = rest;
      await api.post('/api/users', { ...fields, username, password, areaIds });
    }
    void message.success(t('common.saved'));
    await queryClient.invalidateQueries({ queryKey: ['/api/users'] });
  };

  return (
    <Card
      title={t('nav.users')}
      extra={
        canWrite ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ kind: 'create' })}>
            {t('users.create')}
          </Button>
        ) : null
      }
    >
      <QueryError error={list.result.error} retry={() => void list.result.refetch()} />
      <Table<User>
        rowKey="id"
        dataSource={list.result.data?.items ? [...list.result.data.items] : []}
        {...tableStates(list.result, list.result.data?.items.length ?? 0, t('users.empty'))}
        pagination={list.pagination}
        onChange={(pagination, _filters, sorter) => list.onChange(pagination, sorter)}
        scroll={{ x: 800 }}
        columns={[
          { title: t('users.username'), dataIndex: 'username', sorter: true },
          { title: t('users.displayName'), dataIndex: 'displayName' },
          { title: t('user.role'), dataIndex: 'role', sorter: true, render: (r: Role) => t(`roles.${r}`) },
          {
            title: t('users.areas'),
            key: 'areas',
            render: (_, u) =>
              u.allAreas ? t('users.allAreas') : u.areaIds.map((id) => nameOf(id)).join('; '),
          },
          {
            title: t('users.status'),
            dataIndex: 'disabled',
            render: (disabled: boolean) =>
              disabled ? (
                <Tag color="red">{t('users.disabled')}</Tag>
              ) : (
                <Tag color="green">{t('users.active')}</Tag>
              ),
          },
          ...(canWrite
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, user: User) => (
                    <Button type="link" onClick={() => setEditing({ kind: 'edit', user })}>
                      {t('common.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <FormModal<UserValues>
        open={editing.kind !== 'closed'}
        title={editing.kind === 'edit' ? t('users.edit', { name: editing.user.username }) : t('users.create')}
        initialValues={
          editing.kind === 'edit'
            ? {
                username: editing.user.username,
                displayName: editing.user.displayName,
                role: editing.user.role,
                allAreas: editing.user.allAreas,
                areaIds: [...editing.user.areaIds],
                locale: editing.user.locale === 'en' ? 'en' : 'zh-CN',
                disabled: editing.user.disabled,
              }
            : { role: 'viewer', allAreas: false, areaIds: [], locale: 'zh-CN', displayName: '' }
        }
        onSubmit={save}
        onClose={() => setEditing({ kind: 'closed' })}
      >
        <Form.Item
          name="username"
          label={t('users.username')}
          rules={[
            { required: true },
            { pattern: /^[A-Za-z0-9_.@-]{2,64}$/, message: t('users.badUsername') },
          ]}
        >
          <Input disabled={editing.kind === 'edit'} autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={[{ max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="password"
          label={editing.kind === 'edit' ? t('users.newPassword') : t('users.password')}
          extra={editing.kind === 'edit' ? t('users.newPasswordHint') : undefined}
          rules={[{ required: editing.kind !== 'edit' }, { min: minPasswordLength }, { max: 256 }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="role" label={t('user.role')} rules={[{ required: true }]}>
          <Select options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
        </Form.Item>
        <Form.Item name="allAreas" label={t('users.allAreas')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item noStyle dependencies={['allAreas']}>
          {({ getFieldValue }) =>
            getFieldValue('allAreas') === true ? null : (
              <Form.Item name="areaIds" label={t('users.areas')} extra={t('users.areasHint')}>
                <AreaSelect multiple />
              </Form.Item>
            )
          }
        </Form.Item>
        <Form.Item name="locale" label={t('language.label')} rules={[{ required: true }]}>
          <Select options={locales.map((l) => ({ value: l, label: t(`language.names.${l}`) }))} />
        </Form.Item>
        {editing.kind === 'edit' ? (
          <Form.Item name="disabled" label={t('users.disabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
        ) : null}
        {editing.kind === 'edit' ? (
          <Form.Item
            name="resetSecondFactor"
            label={t('users.resetSecondFactor')}
            extra={t('users.resetSecondFactorHint')}
            valuePropName="checked"
          >
            <Switch />
          </Form.Item>
        ) : null}
      </FormModal>
    </Card>
  );
}
