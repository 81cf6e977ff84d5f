# Shared by collect.sh and tail-log.sh: find this node's keepalived.
# The keepalived parent process in this network namespace (a host may run
# others in other namespaces), its config file and the file it logs to.
# Sets KA_PID, KA_START (its start time, so a reused pid is not mistaken for
# it), KA_CONF and KA_LOG. The /proc scan uses shell builtins only.
ka_start_of() {
  KA_START=""
  read -r ka_stat 2>/dev/null < "/proc/$1/stat" || return 1
  ka_stat=${ka_stat##*) }
  # Field 22 of /proc/PID/stat; after "pid (comm) " it is the 20th.
  # shellcheck disable=SC2086
  set -- $ka_stat
  [ $# -ge 20 ] || return 1
  eval "KA_START=\${20}"
}

find_keepalived() {
  KA_PID=""
  KA_START=""
  KA_CONF=/etc/keepalived/keepalived.conf
  KA_LOG=""
  for d in /proc/[0-9]*; do
    read -r comm 2>/dev/null < "$d/comm" || continue
    [ "$comm" = keepalived ] || continue
    [ "$d/ns/net" -ef /proc/self/ns/net ] || continue
    ppid=""
    while read -r key value; do
      [ "$key" = "PPid:" ] && { ppid=$value; break; }
    done 2>/dev/null < "$d/status"
    read -r pcomm 2>/dev/null < "/proc/$ppid/comm" || pcomm=""
    [ "$pcomm" = keepalived ] && continue
    KA_PID=${d#/proc/}
    break
  done
  if [ -n "$KA_PID" ]; then
    ka_start_of "$KA_PID"
    set -- $(tr '\0' ' ' < "/proc/$KA_PID/cmdline")
    while [ $# -gt 0 ]; do
      case "$1" in
        -f|--use-file) [ $# -gt 1 ] && KA_CONF="$2"; shift ;;
        --use-file=*) KA_CONF="${1#--use-file=}" ;;
      esac
      shift
    done
    out=$(readlink "/proc/$KA_PID/fd/1" 2>/dev/null)
    case "$out" in /*) [ -f "$out" ] && KA_LOG="$out" ;; esac
  fi
  if [ -z "$KA_LOG" ]; then
    for f in /var/log/keepalived.log /var/log/messages /var/log/syslog; do
      if [ -r "$f" ]; then KA_LOG="$f"; break; fi
    done
  fi
}

# The keepalived found by an earlier run, if it is still that process:
# HINT is "PID:START", checked with builtins only. Otherwise a new search.
recheck_keepalived() {
  hint_pid=${1%%:*}
  hint_start=${1#*:}
  if [ -n "$hint_pid" ] && [ "$hint_pid" != none ] && [ "$hint_pid" -eq "$hint_pid" ] 2>/dev/null \
    && [ "/proc/$hint_pid/ns/net" -ef /proc/self/ns/net ] && ka_start_of "$hint_pid" && [ "$KA_START" = "$hint_start" ]; then
    KA_PID=$hint_pid
    KA_CONF=$2
    KA_LOG=$3
    return 0
  fi
  find_keepalived
}
