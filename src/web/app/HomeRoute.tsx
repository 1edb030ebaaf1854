import { lazy, Suspense } from 'react';
import { PageLoading } from './PageLoading';

const WorkbenchPage = lazy(() => import('../modules/workbench/WorkbenchPage'));

/** Home is the workbench (工作台) for every role; the coverage dashboard has its own menu entry. */
export function HomeRoute() {
  return (
    <Suspense fallback={<PageLoading />}>
      <WorkbenchPage />
    </Suspense>
  );
}
