export default defineBackground(() => {
  // Follow-up alarms and the badge live here (see DESIGN.md); the first slice needs no background work.
});
