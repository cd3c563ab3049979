import { enableAutoUnmount } from '@vue/test-utils';
import { disposePinia, getActivePinia } from 'pinia';

// After each test: its components are unmounted, then its Pinia is disposed (hooks run last
// registered first), so that no store of an earlier test goes on reading the database a later test
// has made afresh.
afterEach(() => {
  const pinia = getActivePinia();
  if (pinia) disposePinia(pinia);
});
enableAutoUnmount(afterEach);
