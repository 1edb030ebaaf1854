import { useCallback, useMemo, useRef, useState, type Key, type ReactNode } from 'react';

export interface LazyTreeNode {
  key: string;
  title: ReactNode;
  isLeaf: boolean;
  children?: LazyTreeNode[];
}

interface Options<T> {
  root: T | null | undefined;
  getId: (item: T) => string;
  isLeaf: (item: T) => boolean;
  renderTitle: (item: T) => ReactNode;
  fetchChildren: (id: string, fresh: boolean) => Promise<T[]>;
}

/**
 * State for an antd Tree that loads children on expand. Items are kept by id, children as id lists,
 * so one node can be refreshed (after a create/delete) without reloading the whole tree.
 */
export function useLazyTree<T>({ root, getId, isLeaf, renderTitle, fetchChildren }: Options<T>) {
  const [items, setItems] = useState<Record<string, T>>({});
  const [children, setChildrenState] = useState<Record<string, string[]>>({});
  // Mirror of `children` for callbacks that run right after a reset (before a re-render).
  const childrenRef = useRef<Record<string, string[]>>({});
  const setChildren = useCallback((f: (prev: Record<string, string[]>) => Record<string, string[]>) => {
    childrenRef.current = f(childrenRef.current);
    setChildrenState(childrenRef.current);
  }, []);
  const [expandedKeys, setExpandedKeys] = useState<Key[]>([]);

  const rootId = root ? getId(root) : null;

  const put = useCallback(
    (parentId: string, list: T[]) => {
      setItems((prev) => {
        const next = { ...prev };
        for (const it of list) next[getId(it)] = it;
        return next;
      });
      setChildren((prev) => ({ ...prev, [parentId]: list.map(getId) }));
    },
    [getId, setChildren],
  );

  const loadData = useCallback(
    async (node: { key: Key }) => {
      const id = String(node.key);
      if (childrenRef.current[id]) return;
      put(id, await fetchChildren(id, false));
    },
    [fetchChildren, put],
  );

  /** Re-fetch one node's children (and expand it). */
  const reload = useCallback(
    async (id: string) => {
      put(id, await fetchChildren(id, true));
      setExpandedKeys((prev) => (prev.includes(id) ? prev : [...prev, id]));
    },
    [fetchChildren, put],
  );

  /** Replace one item's data (e.g. after an edit), keeping its place. */
  const update = useCallback((item: T) => setItems((prev) => ({ ...prev, [getId(item)]: item })), [getId]);

  /** Load and expand a chain of ancestors (root first), so a deep node selected by URL becomes visible. */
  const expandTo = useCallback(
    async (ids: string[]) => {
      for (const id of ids) {
        if (!childrenRef.current[id]) put(id, await fetchChildren(id, false));
      }
      setExpandedKeys((prev) => [...new Set([...prev.map(String), ...ids])]);
    },
    [fetchChildren, put],
  );

  const reset = useCallback(() => {
    setItems({});
    setChildren(() => ({}));
    setExpandedKeys(rootId ? [rootId] : []);
  }, [rootId, setChildren]);

  const treeData = useMemo<LazyTreeNode[]>(() => {
    if (!root || !rootId) return [];
    const build = (id: string, item: T, depth: number): LazyTreeNode => {
      const kids = children[id];
      const leaf = isLeaf(item) && !kids?.length;
      return {
        key: id,
        title: renderTitle(item),
        isLeaf: leaf,
        children:
          kids && depth < 32
            ? kids.flatMap((cid) => {
                const c = items[cid];
                return c ? [build(cid, c, depth + 1)] : [];
              })
            : undefined,
      };
    };
    return [build(rootId, items[rootId] ?? root, 0)];
  }, [root, rootId, items, children, isLeaf, renderTitle]);

  const loadedKeys = useMemo(() => Object.keys(children), [children]);

  return { treeData, loadData, reload, update, reset, expandTo, expandedKeys, setExpandedKeys, loadedKeys, items };
}
