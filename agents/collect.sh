# Tandem collector (agents/collect.sh). Sent over SSH on stdin and run by
# `sh -s -- MYSQL_PORT LOG_CURSOR`; nothing is installed on the node.
# The control plane prepends tandem_cnf(), which prints a [client] option
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
  q -B -N -e "SELECT 'version', VERSION() UNION ALL SELECT 'version_comment', @@version_comment UNION ALL SELECT LOWER(VARIABLE_NAME), VARIABLE_VALUE FROM information_schema.GLOBAL_VARIABLES WHERE VARIABLE_NAME IN ('SERVER_ID','READ_ONLY','SUPER_READ_ONLY','LOG_BIN','LOG_SLAVE_UPDATES','LOG_REPLICA_UPDATES','BINLOG_FORMAT','BINLOG_CHECKSUM','SYNC_BINLOG','INNODB_FLUSH_LOG_AT_TRX_COMMIT','AUTO_INCREMENT_INCREMENT','AUTO_INCREMENT_OFFSET','SLAVE_SKIP_ERRORS','REPLICA_SKIP_ERRORS','GTID_MODE','ENFORCE_GTID_CONSISTENCY','GTID_EXECUTED','GTID_PURGED','GTID_BINLOG_POS','GTID_SLAVE_POS','GTID_CURRENT_POS','GTID_STRICT_MODE','GTID_DOMAIN_ID','SERVER_UUID')"
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

# keepalived: the process in this network namespace (a host may run others in
# other namespaces), its config file and where it logs.
section keepalived
self_ns=$(readlink /proc/self/ns/net 2>/dev/null)
kpid=""
for p in $(ps -eo pid=,comm= 2>/dev/null | awk '$2 == "keepalived" { print $1 }'); do
  if [ "$(readlink "/proc/$p/ns/net" 2>/dev/null)" = "$self_ns" ]; then
    ppid=$(awk '/^PPid:/ { print $2 }' "/proc/$p/status" 2>/dev/null)
    if [ "$(cat "/proc/$ppid/comm" 2>/dev/null)" != "keepalived" ]; then kpid="$p"; break; fi
  fi
done
conf=/etc/keepalived/keepalived.conf
logfile=""
if [ -n "$kpid" ]; then
  echo "running=yes"
  echo "pid=$kpid"
  set -- $(tr '\0' ' ' < "/proc/$kpid/cmdline")
  while [ $# -gt 0 ]; do
    case "$1" in
      -f|--use-file) [ $# -gt 1 ] && conf="$2"; shift ;;
      --use-file=*) conf="${1#--use-file=}" ;;
    esac
    shift
  done
  out=$(readlink "/proc/$kpid/fd/1" 2>/dev/null)
  case "$out" in /*) [ -f "$out" ] && logfile="$out" ;; esac
else
  echo "running=no"
fi
echo "conf=$conf"

section keepalived-conf
cat "$conf" 2>/dev/null || echo "@@tandem-missing"

section keepalived-log
if [ -z "$logfile" ]; then
  for f in /var/log/keepalived.log /var/log/messages /var/log/syslog; do
    if [ -r "$f" ]; then logfile="$f"; break; fi
  done
fi
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
