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
