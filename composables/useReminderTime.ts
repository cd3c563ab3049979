import { computed } from 'vue';
import { DEFAULT_REMINDER_TIME, formatTimeOfDay } from '@/lib/followups-time';
import { useSettingsStore } from '@/stores/settings';

/** The user's default reminder time, and its name for the quick picks ("9:00"). */
export function useReminderTime() {
  const settings = useSettingsStore();
  const time = computed(() => settings.settings?.reminderTime ?? DEFAULT_REMINDER_TIME);
  const label = computed(() => formatTimeOfDay(time.value));
  return { time, label };
}
