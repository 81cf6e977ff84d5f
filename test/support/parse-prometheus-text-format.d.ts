// The package ships no types: the shape of its output (prom2json's).
declare module 'parse-prometheus-text-format' {
  export type TPromSample = { value?: string; labels?: Record<string, string>; buckets?: Record<string, string>; count?: string; sum?: string; quantiles?: Record<string, string> };
  export type TPromFamily = { name: string; help: string; type: 'COUNTER' | 'GAUGE' | 'HISTOGRAM' | 'SUMMARY' | 'UNTYPED'; metrics: TPromSample[] };
  const parsePrometheusTextFormat: (text: string) => TPromFamily[];
  export default parsePrometheusTextFormat;
}
