import type { TDiagnosisOption } from '@/lib/repair/diagnosis-schema';
import type { TRepairStrategy } from '@/lib/repair/types';
import { RISK, STRATEGY_LABEL, orderOptions } from './repair-format';

// The strategies the diagnosis offers, recommended first, each with its
// risk and what it does; one that cannot run now is disabled with why.
export const RepairOptions = ({ idBase, options, chosen, onChoose }: { idBase: string; options: TDiagnosisOption[]; chosen: TRepairStrategy | null; onChoose: (s: TRepairStrategy) => void }) => (
  <fieldset className="space-y-2">
    <legend className="font-semibold">Choose a repair</legend>
    {options.length === 0 && <p className="text-sm">The diagnosis offers no strategy for this cause: see its explanation above.</p>}
    {orderOptions(options).map((o) => {
      const id = `${idBase}-strategy-${o.strategy}`;
      const isBlocked = o.blockedBy.length > 0;
      const risk = RISK[o.risk];
      return (
        <div key={o.strategy} className={`rounded-md border p-2 text-sm ${chosen === o.strategy ? 'border-indigo-500 bg-indigo-50 dark:bg-indigo-950' : 'border-slate-200 dark:border-slate-700'} ${isBlocked ? 'opacity-70' : ''}`}>
          <div className="flex flex-wrap items-center gap-2">
            <input id={id} type="radio" name={`${idBase}-strategy`} value={o.strategy} checked={chosen === o.strategy} disabled={isBlocked} onChange={() => onChoose(o.strategy)} aria-describedby={`${id}-about`} />
            <label htmlFor={id} className="font-medium">{STRATEGY_LABEL[o.strategy]} <span className="font-mono text-xs text-slate-600 dark:text-slate-400">({o.strategy})</span></label>
            {o.recommended && <span className="rounded bg-indigo-600 px-2 py-0.5 text-xs font-semibold text-white">recommended</span>}
            <span className={`rounded px-2 py-0.5 text-xs font-semibold ${risk.className}`}>{risk.label}</span>
          </div>
          <div id={`${id}-about`} className="mt-1 pl-6">
            <p className="whitespace-pre-wrap">{o.explanation}</p>
            {isBlocked && (
              <ul aria-label={`Why ${o.strategy} cannot run now`} className="mt-1 list-disc pl-5 text-red-700 dark:text-red-300">
                {o.blockedBy.map((b) => <li key={b} className="whitespace-pre-wrap break-words">{b}</li>)}
              </ul>
            )}
          </div>
        </div>
      );
    })}
  </fieldset>
);
