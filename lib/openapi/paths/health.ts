import { ZHealthSchema } from '@/lib/db/health-schema';
import { body, type TArea } from '../operation';

export const healthArea: TArea = {
  tag: 'health',
  description: 'Liveness, for load balancers and monitors.',
  operations: [
    {
      method: 'GET',
      path: '/api/health',
      summary: 'Liveness plus which inventory database is in use',
      auth: { kind: 'public' },
      responses: { 200: { description: 'The server answers and its database is open.', body: body(ZHealthSchema, { sqlite: { ok: true, db: 'sqlite' } }) } },
    },
  ],
};
