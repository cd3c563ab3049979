import { disposePinia, getActivePinia } from 'pinia';

// Each test makes its own Pinia. The last one's stores stop their queries and listeners with it,
// so that none goes on reading the database a later test has made afresh.
afterEach(() => {
  const pinia = getActivePinia();
  if (pinia) disposePinia(pinia);
});
