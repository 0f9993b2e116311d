import { aptRules } from './apt.rules';
import { baseImageRules } from './base-image.rules';
import { instructionRules } from './instructions.rules';
import { packageRules } from './packages.rules';
import { shellRules } from './shell.rules';
import type { DlRule } from './rule';

/** Every hadolint rule this tool implements, in id order. */
export const DL_RULES: DlRule[] = [...baseImageRules, ...aptRules, ...instructionRules, ...packageRules, ...shellRules].sort((a, b) =>
  a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
);
