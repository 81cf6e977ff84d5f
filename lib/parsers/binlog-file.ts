// A binary log file name as servers print it. Names are checked against this
// before they go into a statement (quoted as well), so a node's odd output
// cannot change what Tandem runs.
export const BINLOG_FILE = /^[A-Za-z0-9._-]{1,255}$/;
