import type { TClusterDiagnosis, TNodeDiagnosis, TRepairOption } from '@/lib/repair/types';
import { escapeControlCharacters } from '@/lib/text/control-characters';

// `tandem diagnose` for people. Error texts, rows and decoded events are what
// nodes (and whoever wrote the rows) said: every piece of it is escaped, so a
// row cannot forge a line such as "recommended".
const safe = (s: string): string => escapeControlCharacters(s);
const indent = (text: string, prefix: string): string[] => text.split('\n').map((l) => `${prefix}${safe(l)}`);

const optionLine = (o: TRepairOption): string => {
  const tags = [`risk ${o.risk}`, o.needsAcknowledgement && 'acknowledge the risk first', o.blockedBy.length > 0 && 'BLOCKED'].filter(Boolean).join(', ');
  return `  ${o.recommended ? '*' : '-'} ${o.strategy} (${tags})${o.recommended ? ' — recommended' : ''}`;
};

const rowText = (row: Record<string, string | null> | null): string => (row === null ? 'no such row' : Object.entries(row).map(([k, v]) => `${k}=${v === null ? 'NULL' : JSON.stringify(v)}`).join(', '));

const formatNode = (d: TNodeDiagnosis): string[] => {
  const lines = [`${safe(d.node)} ← ${safe(d.source ?? '?')}: ${d.thread.toUpperCase()} thread, ${d.errno === null ? 'no error' : `error ${d.errno}`} — ${d.cause.code}`];
  if (d.error) lines.push(...indent(d.error, '  ! '));
  lines.push(...indent(d.cause.explanation, '  '));
  const e = d.evidence;
  if (e) {
    const key = Object.entries(e.key).map(([k, v]) => `${k}=${v}`).join(', ');
    lines.push(`  row ${safe(`${e.schema}.${e.table}`)}${key ? ` (${safe(key)})` : ''}:`);
    for (const r of e.rows) lines.push(`    ${safe(r.node)}: ${safe(rowText(r.row))}`);
    if (e.event) lines.push('  failing event (decoded):', ...indent(e.event, '    | '));
  }
  lines.push('  options:');
  for (const o of d.options) {
    lines.push(optionLine(o), ...indent(o.explanation, '      '));
    for (const b of o.blockedBy) lines.push(...indent(`blocked: ${b}`, '      '));
  }
  return lines;
};

export const formatDiagnosis = (d: TClusterDiagnosis): string => {
  const lines = [`cluster ${safe(d.cluster)}: replication diagnosis at ${d.checkedAt}`, ''];
  if (d.nodes.length === 0 && d.unreadable.length === 0) lines.push('Replication runs cleanly on every node.');
  for (const n of d.nodes) lines.push(...formatNode(n), '');
  for (const u of d.unreadable) lines.push(`${safe(u.node)}: not read (${safe(u.error)}); its replication is unknown`);
  return lines.join('\n').trimEnd();
};
