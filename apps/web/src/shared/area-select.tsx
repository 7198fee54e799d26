import { TreeSelect } from 'antd';
import type { CSSProperties } from 'react';
import type { AreaNode } from './area-tree.ts';
import { useAreas } from './use-areas.ts';

interface TreeOption {
  readonly value: number;
  readonly title: string;
  readonly children: TreeOption[];
}

function options(nodes: readonly AreaNode[]): TreeOption[] {
  return nodes.map((n) => ({
    value: n.area.id,
    title: `${n.area.name} (${n.area.code})`,
    children: options(n.children),
  }));
}

export interface AreaSelectProps {
  readonly value?: number | number[] | null;
  readonly onChange?: (value: number | number[] | undefined) => void;
  readonly multiple?: boolean;
  readonly placeholder?: string;
  readonly allowClear?: boolean;
  readonly id?: string;
  readonly style?: CSSProperties;
}

/** Picks one area (or several) from the visible tree; works as an antd form control. */
export function AreaSelect(props: AreaSelectProps) {
  const { forest, query } = useAreas();
  return (
    <TreeSelect
      id={props.id}
      value={props.value ?? undefined}
      onChange={(value: number | number[] | undefined) => props.onChange?.(value)}
      treeData={options(forest)}
      multiple={props.multiple ?? false}
      placeholder={props.placeholder}
      allowClear={props.allowClear ?? false}
      loading={query.isLoading}
      showSearch
      treeNodeFilterProp="title"
      treeDefaultExpandAll
      style={props.style ?? { width: '100%' }}
    />
  );
}
