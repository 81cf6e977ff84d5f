import { ParseError } from './parse-error';
import { parseConfTree, type TConfNode } from './keepalived-conf-tree';

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
  trackScripts: string[];
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

export type TKeepalivedConf = { instances: TVrrpInstance[]; scripts: TVrrpScript[] };

const INTEGER = /^-?\d+$/;
const DECIMAL = /^\d+(?:\.\d+)?$/;
// keepalived keywords are lower-case; `@id` (config-id conditionals) and
// `$NAME=` (definitions) are the other things that may start a statement.
const KEYWORD = /^(?:[a-z][a-z0-9_]*|@\S+|\$\S+)$/;

const numberAt = (node: TConfNode, pattern: RegExp): number => {
  const value = node.words[1];
  if (value === undefined || !pattern.test(value)) {
    throw new ParseError('keepalived-conf', `${node.words[0] ?? ''} needs a number, got "${value ?? ''}"`, { line: node.line });
  }
  return Number(value);
};

const firstWords = (node: TConfNode): string[] => (node.children ?? []).map((c) => c.words[0] ?? '').filter((w) => w !== '');

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
        instance.trackScripts.push(...firstWords(child));
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

// vrrp_instance and vrrp_script blocks; everything else (global_defs,
// vrrp_sync_group, virtual_server, ...) is only checked for balanced braces.
// `include` is not followed and `@id`-conditional statements are skipped: we
// cannot know which config-id the node runs with.
export const parseKeepalivedConf = (text: string): TKeepalivedConf => {
  const conf: TKeepalivedConf = { instances: [], scripts: [] };
  for (const node of parseConfTree(text)) {
    const keyword = node.words[0] ?? '';
    if (!KEYWORD.test(keyword)) throw new ParseError('keepalived-conf', `unexpected "${keyword.slice(0, 40)}" (not a keepalived keyword)`, { line: node.line });
    if (keyword === 'vrrp_instance') conf.instances.push(toInstance(node));
    else if (keyword === 'vrrp_script') conf.scripts.push(toScript(node));
  }
  return conf;
};
