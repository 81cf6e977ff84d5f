import type { TRuleView } from '@/lib/notifications/schema';
import { DeleteButton } from './DeleteButton';
import { EnabledSwitch } from './EnabledSwitch';
import { EVENT_LABELS } from './labels';

export const RuleTable = ({ rules }: { rules: TRuleView[] }) => {
  if (rules.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">No rules yet: nothing is sent until a rule matches an event.</p>;
  return (
    <table className="w-full text-left text-sm [&_td]:pr-3 [&_th]:pr-3">
      <caption className="sr-only">Notification rules</caption>
      <thead className="border-b border-slate-200 text-xs uppercase text-slate-600 dark:border-slate-700 dark:text-slate-400">
        <tr><th scope="col" className="py-2">Name</th><th scope="col">Events</th><th scope="col">Clusters</th><th scope="col">Min severity</th><th scope="col">Quiet</th><th scope="col">Channels</th><th scope="col">Enabled</th><th scope="col">Actions</th></tr>
      </thead>
      <tbody>
        {rules.map((r) => (
          <tr key={r.id} className="border-b border-slate-100 align-top dark:border-slate-800">
            <th scope="row" className="whitespace-nowrap py-2 text-left font-medium">{r.name}</th>
            <td>{r.events.map((e) => EVENT_LABELS[e]).join(', ')}</td>
            <td>{r.clusters.length > 0 ? r.clusters.join(', ') : 'all clusters'}</td>
            <td>{r.minSeverity}</td>
            <td>{r.quietSeconds} s</td>
            <td>{r.channels.join(', ')}</td>
            <td><EnabledSwitch url={`/api/notifications/rules/${encodeURIComponent(r.name)}`} label={`Rule ${r.name} enabled`} isEnabled={r.enabled} /></td>
            <td className="py-2"><DeleteButton what="rule" name={r.name} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
};
