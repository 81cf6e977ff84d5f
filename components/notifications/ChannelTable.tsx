import type { TChannelView } from '@/lib/notifications/schema';
import { ChannelRow } from './ChannelRow';

export const ChannelTable = ({ channels }: { channels: TChannelView[] }) => {
  if (channels.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">No channels yet: add one below, then a rule that sends to it.</p>;
  return (
    <table className="w-full text-left text-sm [&_td]:pr-3 [&_th]:pr-3">
      <caption className="sr-only">Notification channels</caption>
      <thead className="border-b border-slate-200 text-xs uppercase text-slate-600 dark:border-slate-700 dark:text-slate-400">
        <tr><th scope="col" className="py-2">Name</th><th scope="col">Type</th><th scope="col">Sends to</th><th scope="col">Enabled</th><th scope="col">Pending</th><th scope="col">Failed</th><th scope="col">Last attempt</th><th scope="col">Actions</th></tr>
      </thead>
      <tbody>
        {channels.map((c) => <ChannelRow key={c.id} channel={c} />)}
      </tbody>
    </table>
  );
};
