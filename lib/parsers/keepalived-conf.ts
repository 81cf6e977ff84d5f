import { ParseError } from './parse-error';
import { parseConfTree, type TConfNode } from './keepalived-conf-tree';

// A track_script entry; weight is the instance's override (`chk weight -20`),
// null when the vrrp_script's own weight applies.
export type TTrackScript = { name: string; weight: number | null };

// A track_file entry in an instance; weight is its override, null when the
// track_file block's own weight applies.
export type TTrackFileRef = { name: string; weight: number | null };

// A top-level track_file (vrrp_track_file in 2.0.x): keepalived re-reads the
// file when it changes. Weight 0: a non-zero value means FAULT. Otherwise the
// value times the weight is added to the priority (below -253: FAULT).
export type TTrackFile = { name: string; file: string | null; weight: number | null };

export type TVrrpInstance = {
  name: string;
  state: string | null;
  interface: string | null;
  virtualRouterId: number | null;
  priority: number | null;
  advertInt: number | null;
  nopreempt: boolean;
  // First word of each virtual_ipaddress line as written: "198.18.0.100/24"
  // for `198.18.0.100/24 dev eth0`, "192.168.0.93" when no prefix is given.
  virtualIpAddresses: string[];
  trackScripts: TTrackScript[];
  trackFiles: TTrackFileRef[];
  unicastPeers: string[];
};

export type TVrrpScript = {
  name: string;
  script: string | null;
  interval: number | null;
  weight: number | null;
  fall: number | null;
  rise: number | null;
};

// hasTrackingWeight: the group sets global_tracking (1.x) or
// sync_group_tracking_weight (2.x); without it keepalived drops every tracked
// script with a non-zero weight from the group's instances.
export type TVrrpSyncGroup = { name: string; instances: string[]; hasTrackingWeight: boolean };

export type TKeepalivedConf = { instances: TVrrpInstance[]; scripts: TVrrpScript[]; syncGroups: TVrrpSyncGroup[]; trackFiles: TTrackFile[] };

const INTEGER = /^-?\d+$/;
const DECIMAL = /^\d+(?:\.\d+)?$/;
// keepalived keywords are lower-case; `@id` (config-id conditionals) and
// `$NAME=` (definitions) are the other things that may start a statement.
const KEYWORD = /^(?:[a-z][a-z0-9_]*|@\S+|\$\S+)$/;

const numberAt = (node: TConfNode, pattern: RegExp, index = 1): number => {
  const value = node.words[index];
  if (value === undefined || !pattern.test(value)) {
    throw new ParseError('keepalived-conf', `${node.words[index - 1] ?? ''} needs a number, got "${value ?? ''}"`, { line: node.line });
  }
  return Number(value);
};

const firstWords = (node: TConfNode): string[] => (node.children ?? []).map((c) => c.words[0] ?? '').filter((w) => w !== '');

// `chk_mysql`, or `chk_mysql weight -20 [reverse]`.
const toTrackScript = (node: TConfNode): TTrackScript => ({ name: node.words[0] ?? '', weight: node.words[1] === 'weight' ? numberAt(node, INTEGER, 2) : null });

const nameOf = (node: TConfNode): string => {
  const name = node.words[1];
  if (!name) throw new ParseError('keepalived-conf', `${node.words[0] ?? ''} without a name`, { line: node.line });
  if (!node.children) throw new ParseError('keepalived-conf', `${node.words[0] ?? ''} ${name} without a { } block`, { line: node.line });
  return name;
};

const toInstance = (node: TConfNode): TVrrpInstance => {
  const instance: TVrrpInstance = {
    name: nameOf(node),
    state: null,
    interface: null,
    virtualRouterId: null,
    priority: null,
    advertInt: null,
    nopreempt: false,
    virtualIpAddresses: [],
    trackScripts: [],
    trackFiles: [],
    unicastPeers: [],
  };
  for (const child of node.children ?? []) {
    const value = child.words[1] ?? null;
    switch (child.words[0]) {
      case 'state':
        instance.state = value;
        break;
      case 'interface':
        instance.interface = value;
        break;
      case 'virtual_router_id':
        instance.virtualRouterId = numberAt(child, INTEGER);
        break;
      case 'priority':
        instance.priority = numberAt(child, INTEGER);
        break;
      case 'advert_int':
        instance.advertInt = numberAt(child, DECIMAL);
        break;
      case 'nopreempt':
        instance.nopreempt = true;
        break;
      case 'virtual_ipaddress':
        instance.virtualIpAddresses.push(...firstWords(child));
        break;
      case 'track_script':
        instance.trackScripts.push(...(child.children ?? []).filter((c) => c.words.length > 0).map(toTrackScript));
        break;
      case 'track_file':
        instance.trackFiles.push(...(child.children ?? []).filter((c) => c.words.length > 0).map(toTrackScript));
        break;
      case 'unicast_peer':
        instance.unicastPeers.push(...firstWords(child));
        break;
    }
  }
  return instance;
};

const toScript = (node: TConfNode): TVrrpScript => {
  const script: TVrrpScript = { name: nameOf(node), script: null, interval: null, weight: null, fall: null, rise: null };
  for (const child of node.children ?? []) {
    switch (child.words[0]) {
      case 'script':
        // Unquoted, keepalived takes the rest of the line as the command.
        script.script = child.words.slice(1).join(' ') || null;
        break;
      case 'interval':
        script.interval = numberAt(child, DECIMAL);
        break;
      case 'weight':
        script.weight = numberAt(child, INTEGER);
        break;
      case 'fall':
        script.fall = numberAt(child, INTEGER);
        break;
      case 'rise':
        script.rise = numberAt(child, INTEGER);
        break;
    }
  }
  return script;
};

const toTrackFile = (node: TConfNode): TTrackFile => {
  const track: TTrackFile = { name: nameOf(node), file: null, weight: null };
  for (const child of node.children ?? []) {
    if (child.words[0] === 'file') track.file = child.words[1] ? child.words.slice(1).join(' ') : null;
    if (child.words[0] === 'weight') track.weight = numberAt(child, INTEGER);
  }
  return track;
};

const toSyncGroup = (node: TConfNode): TVrrpSyncGroup => {
  const group: TVrrpSyncGroup = { name: nameOf(node), instances: [], hasTrackingWeight: false };
  for (const child of node.children ?? []) {
    switch (child.words[0]) {
      case 'group':
        group.instances.push(...firstWords(child));
        break;
      case 'global_tracking':
      case 'sync_group_tracking_weight':
        group.hasTrackingWeight = true;
        break;
    }
  }
  return group;
};

// vrrp_instance, vrrp_script and vrrp_sync_group blocks; everything else
// (global_defs, virtual_server, ...) is only checked for balanced braces.
// `include` is not followed and `@id`-conditional statements are skipped: we
// cannot know which config-id the node runs with.
export const parseKeepalivedConf = (text: string): TKeepalivedConf => {
  const conf: TKeepalivedConf = { instances: [], scripts: [], syncGroups: [], trackFiles: [] };
  for (const node of parseConfTree(text)) {
    const keyword = node.words[0] ?? '';
    if (!KEYWORD.test(keyword)) throw new ParseError('keepalived-conf', `unexpected "${keyword.slice(0, 40)}" (not a keepalived keyword)`, { line: node.line });
    if (keyword === 'vrrp_instance') conf.instances.push(toInstance(node));
    else if (keyword === 'vrrp_script') conf.scripts.push(toScript(node));
    else if (keyword === 'vrrp_sync_group') conf.syncGroups.push(toSyncGroup(node));
    else if (keyword === 'track_file' || keyword === 'vrrp_track_file') conf.trackFiles.push(toTrackFile(node));
  }
  return conf;
};
