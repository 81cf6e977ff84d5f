# Tandem collector (agents/collect.sh). Sent over SSH on stdin and run by
# `sh -s -- MYSQL_PORT LOG_CURSOR`; nothing is installed on the node.
# The control plane prepends keepalived-lib.sh and tandem_cnf(), which prints a [client] option
# file with the MySQL credentials, so the password is never on a command line.
# Output: sections introduced by "@@tandem:NAME" lines; one run, one document.
set -u
PORT="$1"
CURSOR="${2:-none}"
LOG_LIMIT=65536

section() { printf '\n@@tandem:%s\n' "$1"; }

client=""
for c in mariadb mysql; do
  if command -v "$c" >/dev/null 2>&1; then client="$c"; break; fi
done

# One client run per statement: its exit status tells "not supported" apart.
q() {
  tandem_cnf | "$client" --defaults-extra-file=/dev/stdin --protocol=tcp -h 127.0.0.1 -P "$PORT" \
    --connect-timeout=3 "$@" 2>&1
}

section meta
echo "hostname=$(hostname 2>/dev/null)"
echo "clock_ms=$(date +%s%3N 2>/dev/null)"
echo "client=${client:-none}"

section ip-addr
ip -o addr show 2>&1

if [ -n "$client" ]; then
  section mysql-variables
  q -B -N -e "SELECT 'version', VERSION() UNION ALL SELECT 'version_comment', @@version_comment UNION ALL SELECT LOWER(VARIABLE_NAME), VARIABLE_VALUE FROM information_schema.GLOBAL_VARIABLES WHERE VARIABLE_NAME IN ('SERVER_ID','READ_ONLY','SUPER_READ_ONLY','LOG_BIN','LOG_SLAVE_UPDATES','LOG_REPLICA_UPDATES','BINLOG_FORMAT','BINLOG_CHECKSUM','SYNC_BINLOG','INNODB_FLUSH_LOG_AT_TRX_COMMIT','AUTO_INCREMENT_INCREMENT','AUTO_INCREMENT_OFFSET','SLAVE_SKIP_ERRORS','REPLICA_SKIP_ERRORS','GTID_MODE','ENFORCE_GTID_CONSISTENCY','GTID_EXECUTED','GTID_PURGED','GTID_BINLOG_POS','GTID_BINLOG_STATE','GTID_SLAVE_POS','GTID_CURRENT_POS','GTID_STRICT_MODE','GTID_DOMAIN_ID','SERVER_UUID')"
  echo "@@tandem-exit:$?"

  section slave-status
  out=$(q -e 'SHOW REPLICA STATUS\G')
  st=$?
  if [ "$st" -ne 0 ]; then out=$(q -e 'SHOW SLAVE STATUS\G'); st=$?; fi
  printf '%s\n@@tandem-exit:%s\n' "$out" "$st"

  section master-status
  out=$(q -e 'SHOW MASTER STATUS\G')
  st=$?
  if [ "$st" -ne 0 ]; then out=$(q -e 'SHOW BINARY LOG STATUS\G'); st=$?; fi
  printf '%s\n@@tandem-exit:%s\n' "$out" "$st"

  section heartbeat
  q -B -N -e 'SELECT TIMESTAMPDIFF(MICROSECOND, ts, NOW(6)) FROM tandem.heartbeat WHERE id = 1'
  echo "@@tandem-exit:$?"
fi

section keepalived
find_keepalived
if [ -n "$KA_PID" ]; then
  echo "running=yes"
  echo "pid=$KA_PID"
else
  echo "running=no"
fi
echo "conf=$KA_CONF"
conf="$KA_CONF"
logfile="$KA_LOG"

section keepalived-conf
cat "$conf" 2>/dev/null || echo "@@tandem-missing"

section keepalived-log
newcursor=none
if [ -n "$logfile" ]; then
  inode=$(stat -c %i "$logfile" 2>/dev/null)
  size=$(stat -c %s "$logfile" 2>/dev/null)
  case "$CURSOR" in
    "file:$inode:"*) offset="${CURSOR##*:}" ;;
    *) offset=-1 ;;
  esac
  if [ "$offset" -lt 0 ] || [ "$offset" -gt "$size" ]; then
    tail -n 200 "$logfile" | grep -i 'keepalived\|VRRP\|VI_' | tail -n 100
  else
    tail -c +"$((offset + 1))" "$logfile" | head -c "$LOG_LIMIT"
  fi
  newcursor="file:$inode:$size"
elif command -v journalctl >/dev/null 2>&1; then
  case "$CURSOR" in
    journal:*) journalctl -u keepalived --no-pager -o short-iso --after-cursor="${CURSOR#journal:}" 2>/dev/null | head -n 1000 ;;
    *) journalctl -u keepalived --no-pager -o short-iso -n 100 2>/dev/null ;;
  esac
  c=$(journalctl -u keepalived -n 0 --show-cursor --no-pager 2>/dev/null | sed -n 's/^-- cursor: //p')
  [ -n "$c" ] && newcursor="journal:$c"
fi

section cursor
echo "source=${logfile:-journal}"
echo "cursor=$newcursor"
section end
