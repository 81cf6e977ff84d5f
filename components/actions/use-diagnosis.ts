'use client';
import { useCallback, useRef, useState } from 'react';
import { ZDiagnosisSchema, type TDiagnosis } from '@/lib/repair/diagnosis-schema';
import { requestApi } from '@/components/ui/call-api';

export type TDiagnosisState = { kind: 'idle' } | { kind: 'loading' } | { kind: 'ready'; diagnosis: TDiagnosis } | { kind: 'error'; message: string };

// The cluster's diagnosis, from GET /api/clusters/:name/diagnosis: read
// when the wizard opens and again on demand (it reads the nodes, so it is
// never polled). An answer to an older request is dropped.
export const useDiagnosis = (cluster: string): { state: TDiagnosisState; load: () => void } => {
  const [state, setState] = useState<TDiagnosisState>({ kind: 'idle' });
  const latest = useRef(0);
  const load = useCallback(() => {
    const seq = ++latest.current;
    setState({ kind: 'loading' });
    void requestApi('GET', `/api/clusters/${encodeURIComponent(cluster)}/diagnosis`).then((r) => {
      if (seq !== latest.current) return;
      if (!r.isOk) return setState({ kind: 'error', message: r.message });
      const parsed = ZDiagnosisSchema.safeParse(r.body);
      setState(parsed.success ? { kind: 'ready', diagnosis: parsed.data } : { kind: 'error', message: 'The server sent a diagnosis this page cannot read.' });
    });
  }, [cluster]);
  return { state, load };
};
