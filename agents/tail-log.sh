# Tandem log stream (agents/tail-log.sh): follows keepalived's log so a VRRP
# transition reaches the control plane the moment keepalived writes it.
# Run by `sh -s` on its own SSH channel; the control plane ends it with a
# signal (and a tail whose channel is gone dies at its next write).
find_keepalived
if [ -n "$KA_LOG" ]; then
  echo "@@tandem:following $KA_LOG"
  exec tail -n 0 -F "$KA_LOG" 2>/dev/null
fi
if command -v journalctl >/dev/null 2>&1; then
  echo "@@tandem:following journal"
  exec journalctl -u keepalived -f -n 0 -o short-iso --no-pager 2>/dev/null
fi
echo "@@tandem:no-log"
