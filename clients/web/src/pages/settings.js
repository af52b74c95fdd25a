// The settings summary: a trust's (or an LA's, or an Area SENCO's) settings
// side by side.

import {getAll} from '../api.js';
import {heading, para, table, link} from '../dom.js';

export async function settingsPage() {
  const summaries = await getAll('settingSummaries', 'summaries');
  const n = (v) => String(v || 0);
  return [
    ...heading('Settings'),
    summaries.length
        ? table('Settings summary', ['Setting', 'Pupils', 'SEN support', 'EHC plans',
                                     'Open assessments', 'Reviews overdue', 'Open tasks'],
            summaries.map((s) => [
              link(`/register?setting=${encodeURIComponent(s.setting)}`, s.displayName || s.setting),
              n(s.pupils), n(s.senSupport), n(s.ehcPlans), n(s.openAssessments),
              n(s.overdueReviews),
              s.overdueTasks ? `${n(s.openTasks)} (${n(s.overdueTasks)} overdue)` : n(s.openTasks)]))
        : para('No settings in your scope.'),
  ];
}
