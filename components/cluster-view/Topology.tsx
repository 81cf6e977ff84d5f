'use client';
import type { TLinkHealth } from '@/lib/cluster-state/link-health';
import { isSplitBrain } from '@/lib/cluster-state/split-brain';
import type { TClusterSnapshot } from '@/lib/collector/snapshot';
import { BOX, TOP, describeTopology, layoutTopology } from './topology-layout';

const LINK_CLASS: Record<TLinkHealth, string> = {
  running: 'stroke-emerald-600 dark:stroke-emerald-400',
  connecting: 'stroke-amber-500 dark:stroke-amber-300',
  broken: 'stroke-red-600 dark:stroke-red-400',
  unknown: 'stroke-slate-400',
};
const ARROW_CLASS: Record<TLinkHealth, string> = {
  running: 'fill-emerald-600 dark:fill-emerald-400',
  connecting: 'fill-amber-500 dark:fill-amber-300',
  broken: 'fill-red-600 dark:fill-red-400',
  unknown: 'fill-slate-400',
};
const LABEL_CLASS: Record<TLinkHealth, string> = {
  running: 'fill-emerald-800 dark:fill-emerald-200',
  connecting: 'fill-amber-800 dark:fill-amber-200',
  broken: 'fill-red-800 dark:fill-red-200',
  unknown: 'fill-slate-600 dark:fill-slate-300',
};

// A badge that slides from one node to the other when the VIP moves.
const VipBadge = ({ x, alarm }: { x: number; alarm: boolean }) => (
  <g className="transition-transform duration-700 ease-in-out" style={{ transform: `translate(${x + BOX.width - 58}px, ${TOP - 14}px)` }}>
    <rect width="64" height="26" rx="13" className={alarm ? 'animate-pulse fill-red-600' : 'fill-indigo-600'} />
    <text x="32" y="17.5" textAnchor="middle" className="fill-white text-[13px] font-bold">{alarm ? 'VIP !' : 'VIP'}</text>
  </g>
);

export const Topology = ({ state }: { state: TClusterSnapshot }) => {
  const { width, height, nodes, links, external } = layoutTopology(state);
  const holders = state.vip.holders;
  const split = isSplitBrain(state);
  const holderXs = nodes.filter((n) => holders.includes(n.name)).map((n) => n.x);
  return (
    <figure className={`rounded-lg border p-2 ${split ? 'border-red-500 bg-red-50 dark:bg-red-950' : 'border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-900'}`}>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={describeTopology(state)} className="h-auto w-full max-w-3xl">
        <defs>
          {(['running', 'connecting', 'broken', 'unknown'] as const).map((h) => (
            <marker key={h} id={`arrow-${h}`} viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" className={ARROW_CLASS[h]} />
            </marker>
          ))}
        </defs>
        {links.map((l) => (
          <g key={`${l.from}-${l.to}`} data-link={`${l.from}->${l.to}`} data-health={l.health}>
            <path d={l.path} fill="none" strokeWidth="3" strokeDasharray={l.health === 'running' ? undefined : '7 5'} className={LINK_CLASS[l.health]} markerEnd={`url(#arrow-${l.health})`} />
            <text x={l.labelX} y={l.labelY} textAnchor="middle" className={`text-[13px] font-medium ${LABEL_CLASS[l.health]}`}>{l.label}</text>
          </g>
        ))}
        {nodes.map(({ name, x, y, node }) => {
          const ka = node.keepalived.state ? `${node.keepalived.state}${node.keepalived.priority !== null ? ` ${node.keepalived.priority}` : ''}` : 'keepalived ?';
          return (
            <g key={name}>
              <rect x={x} y={y} width={BOX.width} height={BOX.height} rx="10" strokeWidth="2" strokeDasharray={node.reachable ? undefined : '6 4'}
                className={node.reachable ? 'fill-slate-50 stroke-slate-400 dark:fill-slate-800 dark:stroke-slate-500' : 'fill-red-50 stroke-red-600 dark:fill-red-950 dark:stroke-red-400'} />
              <text x={x + 14} y={y + 28} className="fill-slate-900 text-[17px] font-semibold dark:fill-slate-100">{name}</text>
              <text x={x + 14} y={y + 50} className="fill-slate-600 font-mono text-[12px] dark:fill-slate-300">{node.host}</text>
              <text x={x + 14} y={y + 74} className={`text-[12px] ${node.reachable ? 'fill-slate-700 dark:fill-slate-200' : 'fill-red-700 dark:fill-red-300'}`}>
                {node.reachable ? `${ka}${node.readOnly ? ' · read_only' : ''}` : 'unreachable'}
              </text>
            </g>
          );
        })}
        {holderXs.length > 1 ? holderXs.map((x) => <VipBadge key={x} x={x} alarm={split} />) : holderXs[0] !== undefined && <VipBadge key="vip" x={holderXs[0]} alarm={false} />}
      </svg>
      {external.length > 0 && (
        <figcaption className="px-2 text-sm text-amber-800 dark:text-amber-200">
          {external.map((e) => `${e.node} replicates from ${e.sourceHost}, which is not a node of this cluster.`).join(' ')}
        </figcaption>
      )}
    </figure>
  );
};
