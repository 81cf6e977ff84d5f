# Tandem collector (agents/collect.sh). Defined once per kept shell as the
# function tandem_collect and called with:
#   MYSQL_PORT LOG_CURSOR SQL_SYNTAX KA_HINT KA_CONF KA_LOG CONF_SIG
# where the last five are what the previous poll reported (or "none"), so a
# quiet poll spawns only `ip`, one MySQL client and one `stat`.
# The control plane prepends keepalived-lib.sh and tandem_sql(), which runs
# the poll's statements with the credentials in a quoted here-document, so
# the password is never on a command line.
# Output: sections introduced by "@@tandem:NAME" lines; one run, one document.
set -u
PORT="$1"
CURSOR="${2:-none}"
SYNTAX="${3:-probe}"
HINT="${4:-none}"
HINT_CONF="${5:-}"
HINT_LOG="${6:-}"
CONF_SIG="${7:-none}"
LOG_LIMIT=65536

section() { printf '\n@@tandem:%s\n' "$1"; }

client=""
for c in mariadb mysql; do
  if command -v "$c" >/dev/null 2>&1; then client="$c"; break; fi
done

section meta
read -r host 2>/dev/null < /proc/sys/kernel/hostname || host=""
echo "hostname=$host"
echo "client=${client:-none}"

section ip-addr
ip -o addr show 2>&1

if [ -n "$client" ]; then
  # Client errors (cannot connect) land here; each statement's own error
  # lands in its section.
  section mysql
  tandem_sql "$SYNTAX" "$client" "$PORT"
  printf '\n@@tandem:mysql-exit\n%s\n' "$?"
fi

section keepalived
recheck_keepalived "$HINT" "$HINT_CONF" "$HINT_LOG"
if [ -n "$KA_PID" ]; then
  echo "running=yes"
  echo "pid=$KA_PID"
  echo "hint=$KA_PID:$KA_START"
else
  echo "running=no"
  echo "hint=none"
fi
echo "conf=$KA_CONF"
echo "log=$KA_LOG"
logfile="$KA_LOG"
# One stat for both files: "inode:size:mtime" each, the config's first.
confsig=none
logsig=""
if [ -r "$KA_CONF" ]; then
  set -- $(stat -c '%i:%s:%Y' "$KA_CONF" ${logfile:+"$logfile"} 2>/dev/null)
  confsig=${1:-none}
  logsig=${2:-}
elif [ -n "$logfile" ]; then
  logsig=$(stat -c '%i:%s:%Y' "$logfile" 2>/dev/null)
fi
echo "confsig=$confsig"

section keepalived-conf
if [ "$confsig" = none ]; then
  echo "@@tandem-missing"
elif [ "$confsig" = "$CONF_SIG" ]; then
  echo "@@tandem-unchanged"
else
  cat "$KA_CONF" 2>/dev/null || echo "@@tandem-missing"
fi

newcursor=none
if [ "$CURSOR" = skip ]; then
  newcursor=skip
elif [ -n "$logfile" ]; then
  section keepalived-log
  inode=${logsig%%:*}
  size=${logsig#*:}
  size=${size%%:*}
  case "$CURSOR" in
    "file:$inode:"*) offset="${CURSOR##*:}" ;;
    *) offset=-1 ;;
  esac
  if [ "$offset" -lt 0 ] || [ "$offset" -gt "$size" ]; then
    tail -n 200 "$logfile" | grep -i 'keepalived\|VRRP\|VI_' | tail -n 100
  elif [ "$offset" -lt "$size" ]; then
    tail -c +"$((offset + 1))" "$logfile" | head -c "$LOG_LIMIT"
  fi
  newcursor="file:$inode:$size"
elif command -v journalctl >/dev/null 2>&1; then
  section keepalived-log
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
