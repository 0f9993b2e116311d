export { SEVERITIES, findingSchema, locationSchema, normalizeFinding, compareFindings } from './finding';
export type { Finding, Location, Severity } from './finding';
export { envelopeSchema, summarySchema, toEnvelope } from './envelope';
export type { Envelope, Summary, ToolOutput } from './envelope';
export { ParseError, InputError, ServiceError, positionAt, LineIndex } from './errors';
export { cell, formatNumber, table, formatLocation, renderFinding, renderEnvelope } from './markdown';
