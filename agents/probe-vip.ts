import type { TNodeTarget } from './node-target';
import { probeNode } from './run-on-node';
import type { TSshPool } from './ssh-pool';

// Just the addresses: the cheapest way to see where the VIP is now.
const IP_ADDR_SH = 'exec ip -o addr show\n';

export const probeVip = async (options: { pool: TSshPool; target: TNodeTarget }): Promise<string> =>
  (await probeNode(options.pool, options.target, IP_ADDR_SH)).stdout;
