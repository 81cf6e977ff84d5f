// /notifications – channels (webhook, Slack-compatible, SMTP) and the rules that send to them (admins)
import { AddChannelForm } from '@/components/notifications/AddChannelForm';
import { AddRuleForm } from '@/components/notifications/AddRuleForm';
import { ChannelTable } from '@/components/notifications/ChannelTable';
import { RuleTable } from '@/components/notifications/RuleTable';
import { requirePageUser } from '@/lib/auth/page-session';
import { canManageNotifications } from '@/lib/auth/roles';
import { getDb } from '@/lib/db/client';
import { listChannels } from '@/lib/notifications/list-channels';
import { listRules } from '@/lib/notifications/rules';

export const dynamic = 'force-dynamic';

const NotificationsPage = async () => {
  const me = await requirePageUser();
  if (!canManageNotifications(me.role)) {
    return <p className="text-sm">Only admins manage notifications: channels hold credentials and decide who is woken up.</p>;
  }
  const db = await getDb();
  const [channels, rules] = await Promise.all([listChannels(db), listRules(db)]);
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">Notifications</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">A rule picks events by kind, cluster and severity and sends them to its channels; a burst of events within the quiet period goes out as one message. Failed deliveries are retried for 24 hours.</p>
      </div>
      <section aria-labelledby="channels-title" className="space-y-4">
        <h2 id="channels-title" className="text-lg font-semibold">Channels</h2>
        <ChannelTable channels={channels} />
        <h3 className="font-semibold">Add a channel</h3>
        <AddChannelForm />
      </section>
      <section aria-labelledby="rules-title" className="space-y-4">
        <h2 id="rules-title" className="text-lg font-semibold">Rules</h2>
        <RuleTable rules={rules} />
        <h3 className="font-semibold">Add a rule</h3>
        <AddRuleForm channelNames={channels.map((c) => c.name)} />
      </section>
    </div>
  );
};

export default NotificationsPage;
