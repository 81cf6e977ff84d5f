// In UTC, as the audit log shows instants; the full value is in the tooltip.
export const Instant = ({ iso }: { iso: string }) => <time dateTime={iso} title={iso} className="font-mono text-xs">{iso.slice(0, 19).replace('T', ' ')} UTC</time>;
