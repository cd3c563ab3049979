import { defineStore } from 'pinia';
import { useLiveQuery } from '@/composables/useLiveQuery';
import { db } from '@/lib/db';
import { allTags } from '@/lib/tags';

/** Every tag in the book, live: only where a page offers them (the sidebar never reads it). */
export const useTagsStore = defineStore('tags', () => {
  const { data: tags } = useLiveQuery(() => allTags(db));
  return { tags };
});
