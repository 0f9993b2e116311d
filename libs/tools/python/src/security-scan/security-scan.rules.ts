import type { RuleDoc } from '@mcp/core-protocol';

export type Level = 'LOW' | 'MEDIUM' | 'HIGH';

const plugin = (slug: string) => `https://bandit.readthedocs.io/en/latest/plugins/${slug}.html`;
const blacklist = (anchor: string) => `https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#${anchor}`;

/** bandit's test ids with their usual severity (the finding's own level decides per case). */
export const SECURITY_RULES: (RuleDoc & { issueSeverity: Level; confidence: Level })[] = [
  { id: 'B101', severity: 'info', issueSeverity: 'LOW', confidence: 'HIGH', summary: 'assert used: removed under python -O, so not a runtime check', docs: plugin('b101_assert_used') },
  { id: 'B105', severity: 'info', issueSeverity: 'LOW', confidence: 'MEDIUM', summary: 'Hardcoded password string assigned to or compared with a password-like name', docs: plugin('b105_hardcoded_password_string') },
  { id: 'B106', severity: 'info', issueSeverity: 'LOW', confidence: 'MEDIUM', summary: 'Hardcoded password passed as a password-like keyword argument', docs: plugin('b106_hardcoded_password_funcarg') },
  { id: 'B301', severity: 'warning', issueSeverity: 'MEDIUM', confidence: 'HIGH', summary: 'pickle (or a wrapper: dill, shelve, jsonpickle) deserializes untrusted data', docs: blacklist('b301-pickle') },
  { id: 'B302', severity: 'warning', issueSeverity: 'MEDIUM', confidence: 'HIGH', summary: 'marshal.load/loads deserializes untrusted data', docs: blacklist('b302-marshal') },
  { id: 'B303', severity: 'warning', issueSeverity: 'MEDIUM', confidence: 'HIGH', summary: 'Insecure hash class (MD2/MD4/MD5/SHA1) from Crypto, Cryptodome or cryptography', docs: blacklist('b303-md5') },
  { id: 'B307', severity: 'warning', issueSeverity: 'MEDIUM', confidence: 'HIGH', summary: 'eval/exec of possibly untrusted code', docs: blacklist('b307-eval') },
  { id: 'B324', severity: 'error', issueSeverity: 'HIGH', confidence: 'HIGH', summary: 'hashlib MD4/MD5/SHA1 without usedforsecurity=False', docs: plugin('b324_hashlib') },
  { id: 'B501', severity: 'error', issueSeverity: 'HIGH', confidence: 'HIGH', summary: 'requests/httpx call with verify=False', docs: plugin('b501_request_with_no_cert_validation') },
  { id: 'B506', severity: 'warning', issueSeverity: 'MEDIUM', confidence: 'HIGH', summary: 'yaml.load without a safe Loader', docs: plugin('b506_yaml_load') },
  { id: 'B602', severity: 'error', issueSeverity: 'HIGH', confidence: 'HIGH', summary: 'subprocess call with shell=True (LOW when the command is a literal)', docs: plugin('b602_subprocess_popen_with_shell_equals_true') },
  { id: 'B605', severity: 'error', issueSeverity: 'HIGH', confidence: 'HIGH', summary: 'Process started with a shell: os.system, os.popen, … (LOW when the command is a literal)', docs: plugin('b605_start_process_with_a_shell') },
  { id: 'B608', severity: 'warning', issueSeverity: 'MEDIUM', confidence: 'LOW', summary: 'SQL query built by string formatting or concatenation', docs: plugin('b608_hardcoded_sql_expressions') },
];
export const SECURITY_DOCS = new Map(SECURITY_RULES.map((r) => [r.id, r]));

/** bandit's RE_CANDIDATES for password-like names. */
const WORDS = '(pas+wo?r?d|pass(phrase)?|pwd|token|secrete?)';
export const PASSWORD_NAME = new RegExp(`(^${WORDS}$|_${WORDS}_|^${WORDS}_|_${WORDS}$)`, 'i');

export const PICKLE_CALLS = new Set([
  'pickle.loads', 'pickle.load', 'pickle.Unpickler', 'cPickle.loads', 'cPickle.load', 'cPickle.Unpickler',
  'dill.loads', 'dill.load', 'dill.Unpickler', 'shelve.open', 'shelve.DbfilenameShelf',
  'jsonpickle.decode', 'jsonpickle.unpickler.decode', 'jsonpickle.unpickler.Unpickler', 'pandas.read_pickle',
]);
export const MARSHAL_CALLS = new Set(['marshal.load', 'marshal.loads']);
export const WEAK_HASH_CLASSES = new Set(
  ['MD2', 'MD4', 'MD5', 'SHA']
    .flatMap((h) => [`Crypto.Hash.${h}.new`, `Cryptodome.Hash.${h}.new`])
    .concat(['cryptography.hazmat.primitives.hashes.MD5', 'cryptography.hazmat.primitives.hashes.SHA1']),
);
export const WEAK_HASHLIB = new Set(['md4', 'md5', 'sha', 'sha1']);
export const SUBPROCESS_CALLS = new Set(['subprocess.Popen', 'subprocess.call', 'subprocess.check_call', 'subprocess.check_output', 'subprocess.run']);
export const SHELL_CALLS = new Set([
  'os.system', 'os.popen', 'os.popen2', 'os.popen3', 'os.popen4', 'popen2.popen2', 'popen2.popen3', 'popen2.popen4',
  'popen2.Popen3', 'popen2.Popen4', 'commands.getoutput', 'commands.getstatusoutput',
]);
export const HTTP_CALLS = new Set(
  ['get', 'options', 'head', 'post', 'put', 'patch', 'delete', 'request', 'stream'].flatMap((m) => [`requests.${m}`, `httpx.${m}`]).concat(['httpx.Client', 'httpx.AsyncClient']),
);
export const SAFE_YAML_LOADERS = new Set(['SafeLoader', 'CSafeLoader', 'BaseLoader', 'CBaseLoader']);
export const SQL = /(select\s.*from\s|delete\s+from\s|insert\s+into\s.*values\s|update\s.*set\s)/is;
