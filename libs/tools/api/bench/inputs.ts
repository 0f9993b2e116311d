/**
 * Realistic inputs of a requested size for the bench and the gateway integration test:
 * an OpenAPI document that grows by whole resources (list/create/get/update paths with their
 * schemas), and a GraphQL schema that grows by whole types, with operations against it.
 */
const RESOURCES = ['order', 'customer', 'invoice', 'shipment', 'product', 'coupon', 'refund', 'payout', 'review', 'warehouse'];

function resourceName(i: number): string {
  return `${RESOURCES[i % RESOURCES.length]}${i >= RESOURCES.length ? Math.floor(i / RESOURCES.length) : ''}`;
}
const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** One resource: about 75 YAML lines of paths plus 25 of schema. `revision` 2 changes a few things. */
function resourcePaths(name: string, revision: 1 | 2): string[] {
  const type = pascal(name);
  const plural = `${name}s`;
  return [
    `  /${plural}:`,
    `    get:`,
    `      operationId: list${type}s`,
    `      tags: [${plural}]`,
    `      description: Lists ${plural}, newest first.`,
    `      parameters:`,
    `        - name: limit`,
    `          in: query`,
    `          schema:`,
    `            type: integer`,
    `            minimum: 1`,
    `            maximum: 100`,
    `        - name: cursor`,
    `          in: query`,
    `          ${revision === 2 ? 'required: true' : 'required: false'}`,
    `          schema:`,
    `            type: string`,
    `      responses:`,
    `        '200':`,
    `          description: A page of ${plural}.`,
    `          content:`,
    `            application/json:`,
    `              schema:`,
    `                type: array`,
    `                items:`,
    `                  $ref: '#/components/schemas/${type}'`,
    `        '401':`,
    `          $ref: '#/components/responses/Unauthorized'`,
    `    post:`,
    `      operationId: create${type}`,
    `      tags: [${plural}]`,
    `      description: Creates a ${name}.`,
    `      requestBody:`,
    `        required: true`,
    `        content:`,
    `          application/json:`,
    `            schema:`,
    `              $ref: '#/components/schemas/${type}Input'`,
    `      responses:`,
    `        '201':`,
    `          description: The new ${name}.`,
    `          content:`,
    `            application/json:`,
    `              schema:`,
    `                $ref: '#/components/schemas/${type}'`,
    `  /${plural}/{${name}Id}:`,
    `    parameters:`,
    `      - name: ${name}Id`,
    `        in: path`,
    `        required: true`,
    `        schema:`,
    `          type: string`,
    `          format: uuid`,
    `    get:`,
    `      operationId: get${type}`,
    `      tags: [${plural}]`,
    `      description: Returns one ${name}.`,
    `      responses:`,
    `        '200':`,
    `          description: The ${name}.`,
    `          content:`,
    `            application/json:`,
    `              schema:`,
    `                $ref: '#/components/schemas/${type}'`,
    `        '404':`,
    `          description: No such ${name}.`,
    ...(revision === 1
      ? [
          `    delete:`,
          `      operationId: delete${type}`,
          `      tags: [${plural}]`,
          `      description: Deletes a ${name}.`,
          `      responses:`,
          `        '204':`,
          `          description: Deleted.`,
        ]
      : []),
  ];
}

function resourceSchemas(name: string, revision: 1 | 2): string[] {
  const type = pascal(name);
  return [
    `    ${type}Input:`,
    `      type: object`,
    `      required: [label${revision === 2 ? ', region' : ''}]`,
    `      properties:`,
    `        label:`,
    `          type: string`,
    `          maxLength: 200`,
    `        region:`,
    `          type: string`,
    `          enum: [eu, us${revision === 2 ? '' : ', apac'}]`,
    `        notes:`,
    `          type: string`,
    `    ${type}:`,
    `      allOf:`,
    `        - $ref: '#/components/schemas/${type}Input'`,
    `        - type: object`,
    `          required: [id, createdAt]`,
    `          properties:`,
    `            id:`,
    `              type: string`,
    `              format: uuid`,
    `            createdAt:`,
    `              type: string`,
    `              format: date-time`,
    `            total:`,
    `              type: ${revision === 2 ? 'string' : 'number'}`,
  ];
}

export function openApiOfLines(lines: number, revision: 1 | 2 = 1): string {
  const count = Math.max(1, Math.round((lines - 30) / 100));
  const names = Array.from({ length: count }, (_, i) => resourceName(i));
  return [
    'openapi: 3.0.3',
    'info:',
    '  title: Commerce API',
    `  version: ${revision}.0.0`,
    '  description: Orders, customers and everything around them.',
    '  contact:',
    '    name: API team',
    '    email: api@commerce.example',
    'servers:',
    '  - url: https://api.commerce.example/v1',
    'security:',
    '  - bearer: []',
    'tags:',
    ...names.flatMap((n) => [`  - name: ${n}s`, `    description: Everything about ${n}s.`]),
    'paths:',
    ...names.flatMap((n) => resourcePaths(n, revision)),
    'components:',
    '  securitySchemes:',
    '    bearer:',
    '      type: http',
    '      scheme: bearer',
    '      bearerFormat: JWT',
    '  responses:',
    '    Unauthorized:',
    '      description: Missing or invalid token.',
    '  schemas:',
    ...names.flatMap((n) => resourceSchemas(n, revision)),
    '',
  ].join('\n');
}

/** About 16 SDL lines per type; every type links to the next so operations can go deep. */
export function sdlOfLines(lines: number, revision: 1 | 2 = 1): string {
  const count = Math.max(2, Math.round((lines - 20) / 16));
  const names = Array.from({ length: count }, (_, i) => pascal(resourceName(i)));
  const out: string[] = ['"""', 'Where a record is in its life cycle.', '"""', 'enum Status {', '  ACTIVE', '  ARCHIVED', revision === 2 ? '  DELETED' : '', '}', ''];
  names.forEach((type, i) => {
    const next = names[(i + 1) % names.length];
    out.push(
      '"""',
      `A ${type.toLowerCase()} record.`,
      '"""',
      `type ${type} {`,
      '  id: ID!',
      `  name: String${revision === 2 && i % 5 === 0 ? '' : '!'}`,
      '  status: Status!',
      `  related(first: Int = 20, after: String): [${next}!]!`,
      revision === 2 && i % 7 === 0 ? '  legacyCode: String @deprecated(reason: "Use id.")' : '  legacyCode: String',
      '  createdAt: String!',
      '}',
      '',
    );
  });
  out.push('"""', 'Entry points.', '"""', 'type Query {');
  for (const type of names) out.push(`  "One ${type.toLowerCase()}."`, `  ${type.charAt(0).toLowerCase()}${type.slice(1)}(id: ID!): ${type}`);
  out.push('}', '');
  return out.filter((l, i, all) => l !== '' || all[i - 1] !== '').join('\n');
}

export function queriesOfLines(sdl: string, lines: number): string {
  const roots = [...sdl.matchAll(/^ {2}([a-z]\w*)\(id: ID!\): (\w+)$/gm)].map((m) => m[1]);
  const count = Math.max(1, Math.round(lines / 12));
  const out: string[] = ['fragment Basics on ' + (sdl.match(/^type (\w+) \{/m)?.[1] ?? 'Order') + ' {', '  id', '  name', '  status', '}', ''];
  for (let i = 0; i < count; i++) {
    const root = roots[i % roots.length];
    out.push(`query Get${i}($id: ID!) {`, `  ${root}(id: $id) {`, '    id', '    name', '    related(first: 5) {', '      id', '      related(first: 5) {', '        id', '        createdAt', '      }', '    }', '  }', '}', '');
  }
  return out.join('\n');
}
