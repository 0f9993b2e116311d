import { NODE_BUILTINS } from '../shared/builtins';

const SCOPED = /^(?:@([^/]+?)[/])?([^/]+?)$/;

/**
 * npm's rules for a new package's name (validate-npm-package-name, `validForNewPackages`,
 * which npm-package-json-lint's `name-format` uses): the first problem, or undefined.
 */
export function nameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string') return 'name must be a string';
  const errors: string[] = [];
  const warnings: string[] = [];
  if (!name.length) errors.push('name length must be greater than zero');
  if (name.startsWith('.')) errors.push('name cannot start with a period');
  if (name.startsWith('-')) errors.push('name cannot start with a hyphen');
  if (name.startsWith('_')) errors.push('name cannot start with an underscore');
  if (name.trim() !== name) errors.push('name cannot contain leading or trailing spaces');
  for (const excluded of ['node_modules', 'favicon.ico']) if (name.toLowerCase() === excluded) errors.push(`${excluded} is not a valid package name`);
  if (NODE_BUILTINS.has(name.toLowerCase())) warnings.push(`${name} is a core module name`);
  if (name.length > 214) warnings.push('name can no longer contain more than 214 characters');
  if (name.toLowerCase() !== name) warnings.push('name can no longer contain capital letters');
  if (/[~'!()*]/.test(name.split('/').slice(-1)[0])) warnings.push('name can no longer contain special characters ("~\'!()*")');
  if (encodeURIComponent(name) !== name) {
    const m = SCOPED.exec(name);
    let ok = false;
    if (m) {
      const [, user, pkg] = m;
      if (pkg.startsWith('.')) errors.push('name cannot start with a period');
      ok = user !== undefined && encodeURIComponent(user) === user && encodeURIComponent(pkg) === pkg;
    }
    if (!ok) errors.push('name can only contain URL-friendly characters');
  }
  return errors[0] ?? warnings[0];
}
