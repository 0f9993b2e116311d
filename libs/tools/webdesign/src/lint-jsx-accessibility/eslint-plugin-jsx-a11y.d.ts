// The plugin ships no types; only the differential spec loads it.
declare module 'eslint-plugin-jsx-a11y' {
  const plugin: { configs: Record<string, { rules: Record<string, unknown> }>; rules: Record<string, unknown> };
  export default plugin;
}
