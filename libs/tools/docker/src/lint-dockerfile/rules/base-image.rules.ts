import { dl, type DlRule } from './rule';

/**
 * Rules on FROM lines. Images are checked as BuildKit resolves them: `ARG` defaults declared
 * before the first FROM are substituted; an image that still holds an unset variable is skipped,
 * like hadolint skips every `$`-prefixed image.
 */

export const DL3006 = dl('DL3006', 'warning', 'Always tag the version of an image explicitly', (ctx, rule) => {
  const aliases = new Set<string>();
  for (const stage of ctx.df.stages) {
    const { image } = stage;
    const skip =
      !stage.resolved ||
      image.name === 'scratch' ||
      image.digest !== null ||
      image.tag !== null ||
      aliases.has(image.text.toLowerCase());
    if (!skip) {
      ctx.report(
        rule,
        stage.from,
        `Always tag the version of an image explicitly: \`${image.text}\` has no tag, so it means \`${image.text}:latest\`.`,
        `Pin a release tag (and ideally a digest): \`FROM ${image.text}:<version>\`.`,
      );
    }
    if (stage.alias) aliases.add(stage.alias);
  }
});

export const DL3007 = dl('DL3007', 'warning', 'Using latest is prone to errors if the image will ever update', (ctx, rule) => {
  for (const stage of ctx.df.stages) {
    const { image } = stage;
    if (stage.resolved && image.tag === 'latest' && image.digest === null) {
      ctx.report(
        rule,
        stage.from,
        `Using latest is prone to errors if the image will ever update: \`${image.text}\`. Pin the version explicitly to a release tag.`,
        `Replace \`:latest\` with a release tag: \`FROM ${image.registry ? image.registry + '/' : ''}${image.name}:<version>\`.`,
      );
    }
  }
});

/** DL3026 with `trustedRegistries`: FROM, `COPY --from=<image>` and `RUN --mount=from=<image>`. */
export const DL3026 = dl('DL3026', 'error', 'Use only an allowed registry in the FROM image', (ctx, rule) => {
  const allowed = ctx.options.trustedRegistries ?? [];
  if (allowed.length === 0) return;
  const aliases = new Set<string>();
  const match = (allow: string, registry: string) =>
    allow === '*' ||
    (allow.startsWith('*') && registry.endsWith(allow.slice(1))) ||
    (allow.endsWith('*') && registry.startsWith(allow.slice(0, -1))) ||
    allow === registry;
  const ok = (ref: string) => {
    if (aliases.has(ref.toLowerCase())) return true;
    const slash = ref.indexOf('/');
    const first = slash === -1 ? '' : ref.slice(0, slash);
    const registry = first.includes('.') || first.includes(':') || first === 'localhost' ? first : null;
    if (registry) return allowed.some((a) => match(a, registry));
    return ref === 'scratch' || allowed.some((a) => match(a, 'docker.io') || match(a, 'hub.docker.com'));
  };
  for (const ins of ctx.df.instructions) {
    if (ins.keyword === 'FROM') {
      const stage = ctx.df.stages[ins.stage];
      if (!ok(stage.image.text.replace(/[@:][^/]*$/, ''))) {
        ctx.report(rule, ins, `Use only an allowed registry in the FROM image: \`${stage.image.text}\` is not from ${allowed.join(', ')}.`, `Pull the image through a trusted registry (${allowed.join(', ')}).`);
      }
      if (stage.alias) aliases.add(stage.alias);
    } else if (ins.keyword === 'COPY' || ins.keyword === 'RUN') {
      const refs = ins.keyword === 'COPY'
        ? ins.flags.filter((f) => f.name === 'from' && f.value).map((f) => f.value as string)
        : ins.flags.filter((f) => f.name === 'mount' && f.value).flatMap((f) => /(?:^|,)from=([^,]+)/.exec(f.value as string)?.[1] ?? []);
      for (const ref of refs) {
        if (!/^\d+$/.test(ref) && !ok(ref.replace(/[@:][^/]*$/, ''))) {
          ctx.report(rule, ins, `Use only an allowed registry: \`${ins.keyword} ${ins.keyword === 'COPY' ? '--from' : '--mount from'}=${ref}\` is not from ${allowed.join(', ')}.`, `Use an image from a trusted registry (${allowed.join(', ')}) or a stage alias.`);
        }
      }
    }
  }
});

export const DL3029 = dl('DL3029', 'warning', 'Do not use --platform flag with FROM', (ctx, rule) => {
  for (const stage of ctx.df.stages) {
    const p = stage.platform;
    if (p !== null && !p.includes('BUILDPLATFORM') && !p.includes('TARGETPLATFORM')) {
      ctx.report(rule, stage.from, `Do not use --platform flag with FROM: \`--platform=${p}\` on \`${stage.imageText}\` pins the build to one platform.`, 'Drop `--platform`, or use `--platform=$BUILDPLATFORM` / `$TARGETPLATFORM` for cross-builds.');
    }
  }
});

export const DL3024 = dl('DL3024', 'error', 'FROM aliases (stage names) must be unique', (ctx, rule) => {
  const seen = new Set<string>();
  for (const stage of ctx.df.stages) {
    if (!stage.alias) continue;
    if (seen.has(stage.alias)) ctx.report(rule, stage.from, `FROM aliases (stage names) must be unique: \`${stage.alias}\` is already defined.`, 'Rename one of the stages.');
    seen.add(stage.alias);
  }
});

export const DL3063 = dl('DL3063', 'warning', 'Stage name should not be a reserved word', (ctx, rule) => {
  for (const stage of ctx.df.stages) {
    if (stage.alias === 'scratch' || stage.alias === 'context') {
      ctx.report(rule, stage.from, `stage name should not be a reserved word: \`${stage.alias}\`.`, 'Pick another stage name.');
    }
  }
});

export const DL3022 = dl('DL3022', 'warning', '`COPY --from` should reference a previously defined `FROM` alias', (ctx, rule) => {
  const names = new Set<string>();
  let count = 0;
  for (const ins of ctx.df.instructions) {
    if (ins.keyword === 'FROM') {
      count++;
      const alias = ctx.df.stages[ins.stage].alias;
      if (alias) names.add(alias);
      continue;
    }
    if (ins.keyword !== 'COPY') continue;
    const from = ins.flags.find((f) => f.name === 'from')?.value;
    if (!from) continue;
    const src = from.replace(/^["']|["']$/g, '');
    if (src.includes(':') || names.has(src.toLowerCase())) continue;
    if (/^\d+$/.test(src) && Number(src) < count) continue;
    ctx.report(rule, ins, `\`COPY --from=${src}\` should reference a previously defined \`FROM\` alias; no earlier stage is named \`${src}\`.`, `Define the stage before it (\`FROM <image> AS ${src}\`), or copy from an image reference with a tag (\`--from=${src}:<tag>\`).`);
  }
});

export const DL3023 = dl('DL3023', 'error', '`COPY --from` cannot reference its own `FROM` alias', (ctx, rule) => {
  for (const ins of ctx.df.instructions) {
    if (ins.keyword !== 'COPY' || ins.stage < 0) continue;
    const from = ins.flags.find((f) => f.name === 'from')?.value;
    const alias = ctx.df.stages[ins.stage].alias;
    if (from && alias && from.toLowerCase() === alias) {
      ctx.report(rule, ins, `\`COPY --from=${from}\` cannot reference its own \`FROM\` alias.`, 'Copy from an earlier stage, or use a plain `COPY` from the build context.');
    }
  }
});

export const baseImageRules: DlRule[] = [DL3006, DL3007, DL3022, DL3023, DL3024, DL3026, DL3029, DL3063];
