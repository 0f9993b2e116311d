import {
  hostHeaderValidationResponse,
  localhostAllowedHostnames,
  localhostAllowedOrigins,
  originValidationResponse,
} from '@modelcontextprotocol/server';

export interface SecurityEnv {
  /** Comma-separated hostnames a browser Origin may have; localhost-class ones always may. */
  ALLOWED_ORIGINS?: string;
  /** Comma-separated Host names accepted besides localhost ones (DNS rebinding protection). */
  ALLOWED_HOSTS?: string;
}

const list = (raw: string | undefined) =>
  (raw ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);

/**
 * Checks before anything is parsed: a browser page from a foreign Origin gets 403 (clients
 * that send no Origin, like SDKs and CLIs, pass), and where ALLOWED_HOSTS is set (the local
 * cluster sets it, since it binds to loopback) a Host header naming anything else is a
 * DNS-rebinding attempt: 403.
 */
export function securityRejection(request: Request, env: SecurityEnv): Response | undefined {
  const origins = [...localhostAllowedOrigins(), ...list(env.ALLOWED_ORIGINS)];
  const byOrigin = originValidationResponse(request, origins);
  if (byOrigin) return byOrigin;
  // The request URL is built from the Host header itself, so it cannot tell whether the
  // gateway is bound to localhost: the deployment says so by setting ALLOWED_HOSTS.
  const hosts = list(env.ALLOWED_HOSTS);
  if (hosts.length === 0) return undefined;
  return hostHeaderValidationResponse(request, [...localhostAllowedHostnames(), ...hosts]);
}
