// Environment every script and CI step runs with (TOOLCHAIN.md): no Nx daemon or cloud, no
// wrangler telemetry, and no fetch of the `cf` object from the internet.
export const quietEnv = {
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  NX_TUI: 'false',
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
};
Object.assign(process.env, { ...quietEnv, ...process.env });
