import { severityRank, type TNotifyEvent, type TNotifySeverity } from './schema';

export type TRendered = {
  id: string;
  cluster: string;
  severity: TNotifySeverity;
  title: string;
  link: string;
  events: TNotifyEvent[];
  test: boolean;
};

// Which event a burst is about, for its title: a split brain or an
// interrupted run before the VIP move that a failover also causes, before the
// findings that explain it.
const HEADLINE_ORDER: TNotifyEvent['kind'][] = ['split-brain', 'action-interrupted', 'vip-moved', 'drill-verdict', 'action-failed', 'finding-raised', 'action-finished', 'keepalived-transition', 'finding-cleared'];

// A cleared finding is good news whatever its severity was.
const effectiveSeverity = (e: TNotifyEvent): TNotifySeverity => (e.kind === 'finding-cleared' ? 'info' : e.severity);

const holders = (names: string[]): string => (names.length === 0 ? 'nobody' : names.join(' and '));

// A failover often passes through "nobody" (the old holder lets go before the
// new one takes over): one move from where it was to where it is.
const vipJourney = (events: TNotifyEvent[]): string | null => {
  const moves = events.filter((e) => e.kind === 'vip-moved' && e.vip !== null);
  const first = moves[0]?.vip;
  const last = moves.at(-1)?.vip;
  if (!first || !last) return null;
  if (holders(first.from) === holders(last.to)) return `VIP ${last.address} left ${holders(first.from)} and came back`;
  return `VIP ${last.address} moved from ${holders(first.from)} to ${holders(last.to)}`;
};

export const renderMessage = (o: { id: string; cluster: string; events: TNotifyEvent[]; baseUrl: string; test?: boolean }): TRendered => {
  const events = [...o.events].sort((a, b) => a.at.localeCompare(b.at));
  const severity = events.reduce<TNotifySeverity>((s, e) => (severityRank(effectiveSeverity(e)) > severityRank(s) ? effectiveSeverity(e) : s), 'info');
  const headline = [...events].sort((a, b) => HEADLINE_ORDER.indexOf(a.kind) - HEADLINE_ORDER.indexOf(b.kind) || severityRank(b.severity) - severityRank(a.severity))[0];
  const about = o.test ? 'test message from Tandem: this channel works' : headline ? (headline.kind === 'vip-moved' ? vipJourney(events) : null) ?? headline.message.replace(/\s+/g, ' ').slice(0, 160) : 'no events';
  const more = events.length > 1 ? ` (+${events.length - 1} more)` : '';
  return {
    id: o.id,
    cluster: o.cluster,
    severity,
    title: `[${severity.toUpperCase()}] ${o.cluster}: ${about}${more}`,
    link: `${o.baseUrl.replace(/\/+$/, '')}/clusters/${encodeURIComponent(o.cluster)}`,
    events,
    test: o.test ?? false,
  };
};

const clock = (iso: string): string => `${iso.slice(11, 23)} UTC`;

// The story in time order, one event per line, advice indented under it.
export const storyLines = (m: TRendered): string[] =>
  m.events.flatMap((e) => [`${clock(e.at)}  ${e.severity.padEnd(8)} ${e.kind}${e.node ? ` ${e.node}` : ''}: ${e.message}`, ...(e.advice ? [`    advice: ${e.advice}`] : [])]);

export const plainText = (m: TRendered): string => [m.title, '', ...(m.test ? ['This is a test message sent from Tandem.'] : storyLines(m)), '', `Open ${m.cluster} in Tandem: ${m.link}`, ''].join('\n');

export const webhookBody = (m: TRendered, sentAt: Date): string =>
  JSON.stringify({ id: m.id, test: m.test, cluster: m.cluster, severity: m.severity, title: m.title, link: m.link, sentAt: sentAt.toISOString(), events: m.events });

// Slack's mrkdwn: &, < and > are its only special characters in text.
const slackEscape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const ICON: Record<TNotifySeverity, string> = { info: ':information_source:', warning: ':warning:', critical: ':rotating_light:' };

export const slackBody = (m: TRendered): string => {
  const lines = m.test
    ? ['This is a test message sent from Tandem.']
    : m.events.map((e) => `• \`${clock(e.at)}\` *${e.severity}* ${slackEscape(e.kind)}${e.node ? ` ${slackEscape(e.node)}` : ''}: ${slackEscape(e.message)}${e.advice ? `\n    _${slackEscape(e.advice)}_` : ''}`);
  const text = [`${ICON[m.severity]} *${slackEscape(m.title)}*`, ...lines, `<${m.link}|Open ${slackEscape(m.cluster)} in Tandem>`].join('\n');
  return JSON.stringify({ text });
};
