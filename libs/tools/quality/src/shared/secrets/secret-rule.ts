/** gitleaks' config shape, as generated into gitleaks.rules.ts (regexes as [source, flags]). */
type Rx = [string, string];
export interface AllowlistConfig {
  regexTarget?: 'secret' | 'match' | 'line';
  condition?: 'AND' | 'OR';
  paths?: Rx[];
  regexes?: Rx[];
  stopwords?: string[];
}
export interface RuleConfig {
  id: string;
  description: string;
  regex: Rx;
  keywords: string[];
  entropy?: number;
  allowlists?: AllowlistConfig[];
}
export interface GitleaksConfig {
  global: { paths: Rx[]; regexes: Rx[]; stopwords: string[] };
  rules: RuleConfig[];
}
