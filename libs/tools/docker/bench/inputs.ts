/**
 * Realistic inputs of about `lines` lines for the benchmark: the same shapes as the fixtures
 * (multi-stage builds, apt/pip/npm installs, compose services, Deployments), repeated with
 * distinct names so that per-name bookkeeping grows as it would on a real large file.
 */

const STAGE = (i: number) => `# --- service ${i} -------------------------------------------------
FROM python:3.12-slim-bookworm AS deps${i}
WORKDIR /srv/svc${i}
RUN apt-get update \\
    && apt-get install -y --no-install-recommends build-essential libpq-dev curl \\
    && rm -rf /var/lib/apt/lists/*
COPY requirements.txt .
RUN pip install -r requirements.txt
RUN curl -fsSL https://example.com/install-${i}.sh | sh
COPY . .
FROM deps${i} AS app${i}
ENV APP_MODULE=svc${i}.main:app PORT=80${String(i % 100).padStart(2, '0')}
USER 10001
EXPOSE 8000
CMD gunicorn -b 0.0.0.0:8000 svc${i}.main:app
`;

export function dockerfileOfLines(lines: number): string {
  const head = '# syntax=docker/dockerfile:1.7\nARG BASE_TAG=3.12-slim\n';
  const parts = [head];
  let count = 2;
  for (let i = 0; count < lines; i++) {
    const s = STAGE(i);
    parts.push(s);
    count += s.split('\n').length - 1;
  }
  return parts.join('');
}

const WORKLOAD = (i: number) => `---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: svc-${i}
  namespace: team-${i % 7}
  labels: { app: svc-${i} }
spec:
  replicas: ${1 + (i % 4)}
  selector:
    matchLabels: { app: svc-${i} }
  template:
    metadata:
      labels: { app: svc-${i} }
    spec:
      serviceAccountName: svc-${i}
      containers:
        - name: app
          image: ghcr.io/acme/svc-${i}:${i % 3 === 0 ? 'latest' : `1.${i}.0`}
          ports: [{ containerPort: 8080 }]
          resources:
            requests: { cpu: ${100 + (i % 5) * 50}m, memory: ${128 * (1 + (i % 3))}Mi }
            ${i % 2 === 0 ? 'limits: { cpu: "1", memory: 1Gi }' : '{}'}
          readinessProbe: { httpGet: { path: /ready, port: 8080 } }
---
apiVersion: v1
kind: Service
metadata:
  name: svc-${i}
  namespace: team-${i % 7}
spec:
  selector: { app: svc-${i} }
  ports: [{ port: 80, targetPort: 8080 }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: svc-${i}
  namespace: team-${i % 7}
rules:
  - apiGroups: [""]
    resources: [configmaps${i % 4 === 0 ? ', secrets' : ''}]
    verbs: [get, list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: svc-${i}
  namespace: team-${i % 7}
subjects:
  - kind: ServiceAccount
    name: ${i % 5 === 0 ? 'default' : `svc-${i}`}
    namespace: team-${i % 7}
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: svc-${i} }
`;

export function k8sManifestsOfLines(lines: number): string {
  const parts: string[] = [];
  let count = 0;
  for (let i = 0; count < lines; i++) {
    const s = WORKLOAD(i).replace('            {}\n', '');
    parts.push(s);
    count += s.split('\n').length - 1;
  }
  return parts.join('');
}

const SERVICE = (i: number, dbs: number) => `  api-${i}:
    image: ghcr.io/acme/api-${i}:${i % 5 === 0 ? 'latest' : `1.${i}.0`}
    ports:
      - "${10000 + i}:8080"
    environment:
      SERVICE_NAME: api-${i}
      DB_HOST: db-${i % dbs}
      LOG_LEVEL: \${LOG_LEVEL:-info}
    depends_on:
      db-${i % dbs}:
        condition: service_healthy
    networks: [backend]
    volumes:
      - data-${i % dbs}:/var/lib/api
    deploy:
      replicas: ${1 + (i % 3)}
      resources:
        limits: { cpus: "0.5", memory: 256M }
`;

const DB = (i: number) => `  db-${i}:
    image: postgres:16.3
    healthcheck:
      test: ["CMD-SHELL", "pg_isready"]
      interval: 10s
    volumes:
      - data-${i}:/var/lib/postgresql/data
    networks: [backend]
`;

export function composeOfLines(lines: number): string {
  // One database per ~60 lines (at most 10), shared by the API services as in a real stack.
  const dbs = Math.max(1, Math.min(10, Math.floor(lines / 60)));
  const parts = ['name: bench\nservices:\n'];
  for (let i = 0; i < dbs; i++) parts.push(DB(i));
  let count = 2 + dbs * 9 + 3 + dbs;
  for (let i = 0; count < lines; i++) {
    const s = SERVICE(i, dbs);
    parts.push(s);
    count += s.split('\n').length - 1;
  }
  parts.push('networks:\n  backend: {}\nvolumes:\n');
  for (let i = 0; i < dbs; i++) parts.push(`  data-${i}: {}\n`);
  return parts.join('');
}
