import type { Finding } from '@mcp/core-response';
import type { RuleDoc } from '@mcp/core-protocol';
import { shellOf, splitWords, unquote, type Dockerfile, type Instruction, type Stage } from '../shared/dockerfile/parse-dockerfile';
import { getArgs, isPipInstall, type Command } from '../shared/dockerfile/shell';
import { DL3009 } from '../lint-dockerfile/rules/apt.rules';
import { DL3019, DL3042 } from '../lint-dockerfile/rules/packages.rules';
import { hasCacheOrTmpfsMountWith, type DlRule, type LintContext } from '../lint-dockerfile/rules/rule';
import { DL3059 as DL3059_RULE } from '../lint-dockerfile/rules/shell.rules';
import { modelOf, renderRun, shellOfSegment, type RunModel } from './run-model';
import { RULES, buildPackagesOf, cacheLeftBy, cleanupKind, installOf, producesCacheFor, runtimePackagesOf } from './optimize-layers.rules';


/** Edits collected while analysing, applied once when the Dockerfile is rendered. */
interface Plan {
  models: Map<Instruction, RunModel & { dirty?: boolean }>;
  insertBefore: Map<Instruction, (string | RunModel)[]>;
  replace: Map<Instruction, string>;
  removed: Set<Instruction>;
  fixes: Map<Instruction, Set<'apt' | 'apk' | 'pip'>>;
  appended: string[];
}

function finding(rule: RuleDoc, at: Instruction, message: string, fix: string, extra: Record<string, unknown> = {}): Finding {
  return { ruleId: rule.id, severity: rule.severity, message, location: { line: at.line, column: at.column }, fix, ...(rule.docs ? { docs: rule.docs } : {}), ...extra };
}

const isContext = (src: string) => ['.', './', '*'].includes(unquote(src));

export function optimize(df: Dockerfile): { findings: Finding[]; dockerfile: string } {
  const findings: Finding[] = [];
  const plan: Plan = { models: new Map(), insertBefore: new Map(), replace: new Map(), removed: new Set(), fixes: new Map(), appended: [] };
  for (const ins of df.instructions) if (ins.keyword === 'RUN') plan.models.set(ins, modelOf(ins));

  copyContextBeforeInstall(df, plan, findings);
  cacheRules(df, plan, findings);
  packageCaches(df, plan, findings);
  laterCleanups(df, plan, findings);
  mergeRuns(df, plan, findings);
  multiStage(df, plan, findings);
  applyCacheFixes(plan);
  return { findings, dockerfile: render(df, plan) };
}

function insert(plan: Plan, before: Instruction, item: string | RunModel): void {
  const list = plan.insertBefore.get(before) ?? [];
  list.push(item);
  plan.insertBefore.set(before, list);
}

/** Every model derived from an original RUN (itself, and install steps moved out of it). */
function modelsFrom(plan: Plan, origin: Instruction): RunModel[] {
  const out: RunModel[] = [];
  const own = plan.models.get(origin);
  if (own && !plan.removed.has(origin)) out.push(own);
  for (const list of plan.insertBefore.values()) for (const m of list) if (typeof m !== 'string' && m.origin === origin) out.push(m);
  return out;
}

function copyContextBeforeInstall(df: Dockerfile, plan: Plan, findings: Finding[]): void {
  for (const stage of df.stages) {
    const ctxCopy = stage.instructions.find(
      (i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && !i.flags.some((f) => f.name === 'from') && !i.json && splitWords(i.args).slice(0, -1).some(isContext),
    );
    if (!ctxCopy) continue;
    const dest = unquote(splitWords(ctxCopy.args).slice(-1)[0] ?? '.');
    const destDir = dest === '.' ? './' : dest.endsWith('/') ? dest : `${dest}/`;
    for (const run of stage.instructions) {
      if (run.keyword !== 'RUN' || run.line < ctxCopy.line) continue;
      const model = plan.models.get(run)!;
      const installSegments = model.segments.filter((seg) => shellOfSegment(seg).commands.some((c) => installOf(c)));
      const installs = shellOf(run).commands.map((c) => ({ c, i: installOf(c) })).filter((x) => x.i !== null);
      if (installs.length === 0) continue;
      const manifests = [...new Set(installs.flatMap((x) => x.i!.manifests))];
      const cmdText = [installs[0].c.name, ...getArgs(installs[0].c)].join(' ');
      findings.push(
        finding(
          RULES['copy-context-before-install'],
          ctxCopy,
          `\`${ctxCopy.keyword} ${ctxCopy.args.trim()}\` copies the whole build context before \`${cmdText}\` (line ${run.line}): any source change invalidates the ${installs[0].i!.tool} install layer.`,
          `Copy ${manifests.map((m) => `\`${m}\``).join(', ')} first, run \`${cmdText}\`, then \`${ctxCopy.keyword} ${ctxCopy.args.trim()}\`.`,
          { install: cmdText, manifests },
        ),
      );
      if (model.fixed || installSegments.length === 0) continue;
      const moved: RunModel = { origin: run, flags: model.flags, segments: installSegments, fixed: false };
      insert(plan, ctxCopy, `COPY ${manifests.join(' ')} ${destDir}`);
      insert(plan, ctxCopy, moved);
      model.segments = model.segments.filter((s) => !installSegments.includes(s));
      (model as { dirty?: boolean }).dirty = true;
      if (model.segments.length === 0) plan.removed.add(run);
    }
  }
}

/** hadolint's own cache rules, reported for the RUNs they flag and fixed in the rewrite. */
function cacheRules(df: Dockerfile, plan: Plan, findings: Finding[]): void {
  const kinds: [DlRule, 'apt' | 'apk' | 'pip'][] = [
    [DL3009, 'apt'],
    [DL3019, 'apk'],
    [DL3042, 'pip'],
  ];
  for (const [rule, kind] of kinds) {
    const ctx: LintContext = {
      df,
      options: {},
      report: (_r, at, message, fix) => {
        if (at.keyword !== 'RUN') return;
        findings.push(finding(RULES[rule.id], at, message, fix));
        const set = plan.fixes.get(at) ?? new Set();
        set.add(kind);
        plan.fixes.set(at, set);
      },
    };
    rule.check(ctx);
  }
}

/** Stages whose layers end up in an image: the last one and those a later FROM builds on. */
function shippedStages(df: Dockerfile): Set<number> {
  const shipped = new Set<number>([df.stages.length - 1]);
  for (const s of df.stages) if (s.parent !== null) shipped.add(s.parent);
  return shipped;
}

function packageCaches(df: Dockerfile, plan: Plan, findings: Finding[]): void {
  const shipped = shippedStages(df);
  for (const ins of df.instructions) {
    if (ins.keyword !== 'RUN' || !shipped.has(ins.stage)) continue;
    const cmds = shellOf(ins).commands;
    const seen = new Set<string>();
    for (const c of cmds) {
      const cache = cacheLeftBy(c);
      if (!cache || seen.has(cache.manager)) continue;
      seen.add(cache.manager);
      if (cmds.some(cache.isCleanup) || hasCacheOrTmpfsMountWith(cache.mount, ins) || (cache.manager === 'npm' && hasCacheOrTmpfsMountWith('.npm', ins))) continue;
      findings.push(
        finding(RULES['package-cache-in-layer'], ins, `\`${[c.name, ...getArgs(c)].join(' ')}\` leaves the ${cache.manager} cache in this layer.`, `End the same RUN with \`&& ${cache.cleanup}\`, or use \`--mount=type=cache,target=${cache.mount}\`.`, { manager: cache.manager }),
      );
      for (const m of modelsFrom(plan, ins)) {
        if (m.fixed || !m.segments.some((s) => shellOfSegment(s).commands.some((x) => cacheLeftBy(x)?.manager === cache.manager))) continue;
        if (!m.segments.includes(cache.cleanup)) m.segments.push(cache.cleanup);
        (m as { dirty?: boolean }).dirty = true;
      }
    }
  }
}

/** A RUN made only of cleanups: the files were committed by an earlier layer and stay there. */
function laterCleanups(df: Dockerfile, plan: Plan, findings: Finding[]): void {
  for (const stage of df.stages) {
    const runs = stage.instructions.filter((i) => i.keyword === 'RUN');
    runs.forEach((ins, idx) => {
      const cmds = shellOf(ins).commands;
      if (cmds.length === 0 || idx === 0) return;
      const kinds = cmds.map(cleanupKind);
      if (kinds.some((k) => k === null)) return;
      const target = runs
        .slice(0, idx)
        .reverse()
        .find((r) => shellOf(r).commands.some((c) => kinds.some((k) => producesCacheFor(c, k!))));
      if (!target) return;
      findings.push(
        finding(
          RULES['package-cache-in-layer'],
          ins,
          `\`${ins.args.trim()}\` runs in its own layer: the files it deletes were committed by the RUN on line ${target.line}, so the image does not get smaller.`,
          `Move the cleanup into the RUN on line ${target.line} and delete this RUN.`,
          { manager: kinds[0] },
        ),
      );
      const model = plan.models.get(ins)!;
      const targets = modelsFrom(plan, target).filter((m) => !m.fixed);
      if (model.fixed || targets.length === 0) return;
      const dest = targets[targets.length - 1];
      for (const seg of model.segments) if (!dest.segments.includes(seg)) dest.segments.push(seg);
      (dest as { dirty?: boolean }).dirty = true;
      plan.removed.add(ins);
    });
  }
}

function mergeRuns(df: Dockerfile, plan: Plan, findings: Finding[]): void {
  const reported: Instruction[] = [];
  DL3059_RULE.check({
    df,
    options: {},
    report: (_r, at, message, fix) => {
      reported.push(at);
      findings.push(finding(RULES.DL3059, at, message.replace('this RUN', `this RUN (\`${at.args.trim().slice(0, 60)}\`)`), fix));
    },
  });
  const index = new Map(df.instructions.map((ins, i) => [ins, i]));
  const into = new Map<Instruction, Instruction>();
  for (const ins of reported) {
    const prev = df.instructions[index.get(ins)! - 1];
    let target = into.get(prev) ?? prev;
    while (plan.removed.has(target) && into.has(target)) target = into.get(target)!;
    const src = plan.models.get(ins)!;
    const dst = plan.models.get(target);
    if (!dst || dst.fixed || src.fixed || plan.removed.has(target) || plan.removed.has(ins)) continue;
    dst.segments.push(...src.segments);
    (dst as { dirty?: boolean }).dirty = true;
    plan.removed.add(ins);
    into.set(ins, target);
    // The merged segments keep their cache fixes (e.g. `apk add` merged into a pip RUN).
    const moved = plan.fixes.get(ins);
    if (moved) plan.fixes.set(target, new Set([...(plan.fixes.get(target) ?? []), ...moved]));
  }
}

const RUNTIME_KEYWORDS = new Set(['CMD', 'ENTRYPOINT', 'USER', 'EXPOSE', 'HEALTHCHECK', 'VOLUME', 'STOPSIGNAL', 'LABEL']);
const USER_SETUP = new Set(['useradd', 'adduser', 'groupadd', 'addgroup']);

function rootImage(df: Dockerfile, stage: Stage): Stage {
  let s = stage;
  while (s.parent !== null) s = df.stages[s.parent];
  return s;
}

/** Build tools in the final stage: split it into a named build stage and a runtime stage. */
function multiStage(df: Dockerfile, plan: Plan, findings: Finding[]): void {
  const final = df.stages[df.stages.length - 1];
  if (!final) return;
  let hit = false;
  for (const ins of final.instructions) {
    if (ins.keyword !== 'RUN') continue;
    const pkgs = [...new Set(shellOf(ins).commands.flatMap(buildPackagesOf))];
    if (pkgs.length === 0) continue;
    hit = true;
    findings.push(
      finding(RULES['missing-multi-stage-build'], ins, `The final stage installs build tools (${pkgs.map((p) => `\`${p}\``).join(', ')}): they ship in the runtime image.`, 'Build in a named stage and copy only the artifacts into a clean runtime stage.', { packages: pkgs }),
    );
  }
  if (!hit) return;
  const root = rootImage(df, final);
  const alias = final.alias ?? 'build';
  const platform = final.from.flags.find((f) => f.name === 'platform');
  plan.replace.set(final.from, `FROM ${platform ? `--platform=${platform.value} ` : ''}${final.imageText} AS ${alias}`);
  const runtime: string[] = ['', `FROM ${root.imageText}`];
  const carried = final.instructions.filter((i) => i.keyword === 'ENV' || i.keyword === 'ARG');
  for (const i of carried) runtime.push(i.source);
  const aptPkgs: string[] = [];
  const apkPkgs: string[] = [];
  const userSetup: string[] = [];
  let globalInstalls = false;
  let workdir: string | null = null;
  const copyDests: string[] = [];
  for (const ins of final.instructions) {
    if (ins.keyword === 'WORKDIR') workdir = unquote(ins.args.trim());
    if ((ins.keyword === 'COPY' || ins.keyword === 'ADD') && !workdir) {
      const d = unquote(splitWords(ins.args).slice(-1)[0] ?? '');
      if (d.startsWith('/')) copyDests.push(d);
    }
    if (ins.keyword !== 'RUN') continue;
    for (const c of shellOf(ins).commands) {
      const rt = runtimePackagesOf(c);
      if (c.name === 'apk') apkPkgs.push(...rt);
      else aptPkgs.push(...rt);
      if (isPipInstall(c) || (c.name === 'npm' && getArgs(c).some((a) => a === '-g' || a === '--global')) || ((c.name === 'gem' || c.name === 'bundle') && getArgs(c).includes('install'))) globalInstalls = true;
    }
    const model = plan.models.get(ins)!;
    for (const seg of model.segments) if (shellOfSegment(seg).commands.some((c: Command) => USER_SETUP.has(c.name))) userSetup.push(seg);
  }
  if (aptPkgs.length > 0) runtime.push(`RUN apt-get update \\\n    && apt-get install -y --no-install-recommends ${[...new Set(aptPkgs)].join(' ')} \\\n    && rm -rf /var/lib/apt/lists/*`);
  if (apkPkgs.length > 0) runtime.push(`RUN apk add --no-cache ${[...new Set(apkPkgs)].join(' ')}`);
  if (userSetup.length > 0) runtime.push(`RUN ${userSetup.join(' \\\n    && ')}`);
  if (globalInstalls) runtime.push(`COPY --from=${alias} /usr/local /usr/local`);
  if (workdir) runtime.push(`WORKDIR ${workdir}`, `COPY --from=${alias} ${workdir} ${workdir}`);
  for (const d of [...new Set(copyDests)]) runtime.push(`COPY --from=${alias} ${d} ${d}`);
  for (const ins of final.instructions) {
    if (!RUNTIME_KEYWORDS.has(ins.keyword)) continue;
    runtime.push(ins.source);
    if (ins.keyword !== 'USER') plan.removed.add(ins);
  }
  plan.appended.push(...runtime);
}

function applyCacheFixes(plan: Plan): void {
  for (const [origin, kinds] of plan.fixes) {
    for (const m of modelsFrom(plan, origin)) {
      if (m.fixed) continue;
      const before = m.segments.join('\n');
      if (kinds.has('apt') && m.segments.some((s) => /\bapt(-get)? (.* )?(update|install)\b/.test(s)) && !m.segments.includes('rm -rf /var/lib/apt/lists/*')) {
        m.segments.push('rm -rf /var/lib/apt/lists/*');
      }
      if (kinds.has('apk')) {
        m.segments = m.segments
          .filter((s) => !/^apk (update|cache clean)$/.test(s) && !/^rm -rf \/var\/cache\/apk\/\*?$/.test(s))
          .map((s) => (/\bapk add\b/.test(s) && !/--no-cache\b/.test(s) ? s.replace(/\bapk add\b/, 'apk add --no-cache') : s));
      }
      if (kinds.has('pip')) {
        m.segments = m.segments.map((s) =>
          /--no-cache-dir\b/.test(s) ? s : s.replace(/\b((?:pip3?(?:\.\d+)?)|(?:python3?(?:\.\d+)? -m pip)) install\b/g, '$1 install --no-cache-dir'),
        );
      }
      if (m.segments.join('\n') !== before) (m as { dirty?: boolean }).dirty = true;
    }
  }
}

function render(df: Dockerfile, plan: Plan): string {
  const lines = df.text.split('\n').map((l) => l.replace(/\r$/, ''));
  const out: string[] = [];
  let cursor = 1;
  for (const ins of df.instructions) {
    while (cursor < ins.line) out.push(lines[cursor++ - 1]);
    for (const item of plan.insertBefore.get(ins) ?? []) out.push(typeof item === 'string' ? item : renderRun(item));
    if (!plan.removed.has(ins)) {
      const model = plan.models.get(ins) as (RunModel & { dirty?: boolean }) | undefined;
      out.push(plan.replace.get(ins) ?? (model?.dirty ? renderRun(model) : ins.source));
    }
    cursor = ins.endLine + 1;
  }
  while (cursor <= lines.length) out.push(lines[cursor++ - 1]);
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  out.push(...plan.appended);
  return out.join('\n') + '\n';
}
