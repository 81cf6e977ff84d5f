'use client';
import { useState } from 'react';
import { Instant } from '@/components/actions/Instant';
import { secondaryButtonClass } from '@/components/ui/styles';
import type { TChannelView } from '@/lib/notifications/schema';
import { channelDestination } from './channel-format';
import { DeleteButton } from './DeleteButton';
import { DeliveryList } from './DeliveryList';
import { EnabledSwitch } from './EnabledSwitch';
import { CHANNEL_TYPE_LABELS } from './labels';
import { SendTestButton } from './SendTestButton';

export const CHANNEL_COLUMNS = 8;

// One channel, and under it its deliveries when opened.
export const ChannelRow = ({ channel }: { channel: TChannelView }) => {
  const [isOpen, setIsOpen] = useState(false);
  // Bumped after a test, so open deliveries show its attempt.
  const [version, setVersion] = useState(0);
  const deliveriesId = `deliveries-${channel.id}`;
  const last = channel.lastAttempt;

  return (
    <>
      <tr className="border-b border-slate-100 align-top dark:border-slate-800">
        <th scope="row" className="whitespace-nowrap py-2 text-left font-medium">{channel.name}</th>
        <td>{CHANNEL_TYPE_LABELS[channel.type]}</td>
        <td className="break-all font-mono text-xs">{channelDestination(channel)}</td>
        <td><EnabledSwitch url={`/api/notifications/channels/${encodeURIComponent(channel.name)}`} label={`Channel ${channel.name} enabled`} isEnabled={channel.enabled} /></td>
        <td>{channel.pending}</td>
        <td className={channel.failed > 0 ? 'font-semibold text-red-700 dark:text-red-400' : ''}>{channel.failed}</td>
        <td title={last?.detail ?? undefined}>
          {last ? (
            <>
              <span className={last.outcome === 'failed' ? 'font-semibold text-red-700 dark:text-red-400' : ''}>{last.outcome}</span>
              <br />
              <Instant iso={last.at} />
            </>
          ) : (
            'never'
          )}
        </td>
        <td className="min-w-72 py-2">
          <div className="flex flex-wrap items-start gap-2">
            <SendTestButton name={channel.name} onSent={() => setVersion((v) => v + 1)} />
            <button type="button" className={secondaryButtonClass} aria-expanded={isOpen} aria-controls={isOpen ? deliveriesId : undefined} onClick={() => setIsOpen((o) => !o)}>Deliveries</button>
            <DeleteButton what="channel" name={channel.name} />
          </div>
        </td>
      </tr>
      {isOpen && (
        <tr className="border-b border-slate-100 dark:border-slate-800">
          <td colSpan={CHANNEL_COLUMNS} className="py-2"><DeliveryList id={deliveriesId} name={channel.name} version={version} /></td>
        </tr>
      )}
    </>
  );
};
