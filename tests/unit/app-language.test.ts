import { createPinia } from 'pinia';
import { describe, expect, it, vi } from 'vitest';
import { followChosenLanguage } from '@/composables/appLanguage';
import { db } from '@/lib/db';
import { activeLanguage } from '@/lib/i18n';

// One page per file: a page follows the setting for as long as it lives.
describe('a page’s language', () => {
  it('starts in the language the page remembers without reading the database first, then follows the setting as any page changes it', async () => {
    localStorage.setItem('sidecar-language', 'af');
    await db.settings.put({ key: 'language', value: 'af' });
    const read = vi.spyOn(db.settings, 'get');
    await followChosenLanguage(createPinia());
    expect(activeLanguage()).toBe('af');
    expect(read).not.toHaveBeenCalled();

    await db.settings.put({ key: 'language', value: 'zu' });
    await vi.waitFor(() => expect(activeLanguage()).toBe('zu'));
    expect(localStorage.getItem('sidecar-language')).toBe('zu');
  });
});
