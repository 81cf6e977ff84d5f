import { type TParseKind } from './parse-error';
import { parseIpAddr } from './ip-addr';
import { parseKeepalivedConf } from './keepalived-conf';
import { parseKeepalivedLog } from './keepalived-log';
import { parseMasterStatus } from './master-status';
import { parseSlaveStatus } from './slave-status';

export { ParseError, PARSE_KINDS, isParseError, isParseKind, type TParseKind } from './parse-error';
export { parseMysqlRows, type TMysqlRow } from './mysql-rows';
export { parseSlaveStatus, parseSlaveStatuses, type TFlavor, type TSlaveStatus } from './slave-status';
export { parseMasterStatus, type TMasterStatus } from './master-status';
export { parseIpAddr, type TIpAddr, type TIpAddress, type TIpFamily, type TIpInterface } from './ip-addr';
export {
  parseKeepalivedLog,
  type TKeepalivedAdvertEvent,
  type TKeepalivedEvent,
  type TKeepalivedLog,
  type TKeepalivedPriorityEvent,
  type TKeepalivedScriptEvent,
  type TKeepalivedStateEvent,
  type TVrrpState,
} from './keepalived-log';
export { parseKeepalivedConf, type TKeepalivedConf, type TTrackScript, type TVrrpInstance, type TVrrpScript, type TVrrpSyncGroup } from './keepalived-conf';

// For `tandem parse KIND < input`. slave-status prints the replica's status,
// or null when the server is not a replica (the documented CLI contract);
// parseSlaveStatuses keeps every channel of multi-source output for callers
// that need them.
export const parse = (kind: TParseKind, text: string): unknown => {
  switch (kind) {
    case 'slave-status':
      return parseSlaveStatus(text);
    case 'master-status':
      return parseMasterStatus(text);
    case 'ip-addr':
      return parseIpAddr(text);
    case 'keepalived-log':
      return parseKeepalivedLog(text);
    case 'keepalived-conf':
      return parseKeepalivedConf(text);
    default: {
      // Only reachable from untyped callers; the CLI should check isParseKind
      // first. Not a ParseError: the input text was never looked at.
      const unknownKind: never = kind;
      throw new Error(`unknown parse kind "${String(unknownKind)}"`);
    }
  }
};
