/**
 * An image reference split the way the Docker reference grammar does:
 * `[registry[:port]/]path[:tag][@digest]`. The first path component is a registry only when it
 * holds a `.` or `:` or is `localhost`, so `library/node` and `node` are Docker Hub images.
 */
export interface ImageRef {
  /** The whole reference as written. */
  text: string;
  registry: string | null;
  /** Repository path without registry, tag or digest (`library/node`, `node`). */
  name: string;
  tag: string | null;
  digest: string | null;
}

export function parseImageRef(text: string): ImageRef {
  let rest = text;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let registry: string | null = null;
  const slash = rest.indexOf('/');
  if (slash !== -1) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      rest = rest.slice(slash + 1);
    }
  }
  let tag: string | null = null;
  const colon = rest.lastIndexOf(':');
  if (colon !== -1 && !rest.slice(colon).includes('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { text, registry, name: rest, tag, digest };
}
