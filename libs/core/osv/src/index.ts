// The OSV vulnerability database client the Node.js and Python vulnerability tools share:
// querybatch with pagination, advisory records, a KV cache, and errors that never read as
// "no vulnerabilities". Version matching stays with each ecosystem's tool.
export { DEFAULT_OSV_API_URL, OSV_SERVICE, keyOf, osvOptions, queryOsv, type KvLike, type OsvClientOptions, type OsvEcosystem, type OsvRecord, type PackageQuery } from './osv-client';
