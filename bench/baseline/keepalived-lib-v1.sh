# Shared by collect.sh and tail-log.sh: find this node's keepalived.
# The keepalived parent process in this network namespace (a host may run
# others in other namespaces), its config file and the file it logs to.
find_keepalived() {
  KA_PID=""
  KA_CONF=/etc/keepalived/keepalived.conf
  KA_LOG=""
  self_ns=$(readlink /proc/self/ns/net 2>/dev/null)
  for p in $(ps -eo pid=,comm= 2>/dev/null | awk '$2 == "keepalived" { print $1 }'); do
    if [ "$(readlink "/proc/$p/ns/net" 2>/dev/null)" = "$self_ns" ]; then
      ppid=$(awk '/^PPid:/ { print $2 }' "/proc/$p/status" 2>/dev/null)
      if [ "$(cat "/proc/$ppid/comm" 2>/dev/null)" != "keepalived" ]; then KA_PID="$p"; break; fi
    fi
  done
  if [ -n "$KA_PID" ]; then
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
