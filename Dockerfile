# syntax=docker/dockerfile:1
#
# Sluice container images (docs/deployment.md):
#
#   docker build -t my-job --build-arg JOB_DIR=jobs --build-arg JOB=my-job.ts .
#       the application image (the default, last stage): sluice plus the job; runs
#       `sluice application` (SLUICE_ROLE=application)
#   docker build -t sluice --target runtime .
#       the runtime image without a job: TaskManagers (SLUICE_ROLE=taskmanager, the default) and
#       session-cluster JobManagers (SLUICE_ROLE=jobmanager)
#
# Both are configured by environment variables and the configuration file, see docker/entrypoint.sh.

ARG NODE_VERSION=20

# ---- build: install every dependency, compile the runtime and the dashboard ----------------------
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /opt/sluice
# Dependencies first, so that this layer stays cached while only sources change. Without scripts:
# the package's own `prepare` needs the sources, which are not here yet; the dependencies with
# native parts get theirs from the named rebuild.
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts && npm rebuild esbuild lmdb
COPY tsconfig.json tsconfig.build.json ./
COPY bin bin
COPY src src
COPY examples examples
COPY web web
RUN npx tsc -p tsconfig.build.json && npx vite build --config web/vite.config.ts
# What the runtime needs: production dependencies only (esbuild included, it bundles the job).
RUN npm prune --omit=dev

# ---- runtime: sluice and its production dependencies, no job --------------------------------------
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    SLUICE_HOME=/opt/sluice \
    SLUICE_CONFIG=/opt/sluice/conf/config.yaml \
    SLUICE_ROLE=taskmanager
WORKDIR /opt/sluice
COPY --from=build /opt/sluice/package.json ./
COPY --from=build /opt/sluice/node_modules node_modules
COPY --from=build /opt/sluice/bin bin
COPY --from=build /opt/sluice/dist/src dist/src
COPY --from=build /opt/sluice/web/dist web/dist
COPY docker/config.yaml conf/config.yaml
COPY docker/entrypoint.sh /usr/local/bin/sluice-entrypoint
RUN chmod 0755 /usr/local/bin/sluice-entrypoint && mkdir -p /opt/sluice/data && chown node:node /opt/sluice/data
# Job code runs in these processes: not as root.
USER node
# TaskManager data and RPC, JobManager RPC, REST and dashboard (see conf/config.yaml).
EXPOSE 6121 6122 6123 8081
ENTRYPOINT ["/usr/local/bin/sluice-entrypoint"]

# ---- job: the application's files, with their own dependencies if they have a package.json --------
FROM build AS job
ARG JOB_DIR=examples
ARG JOB=wordcount.ts
COPY ${JOB_DIR} /opt/app
RUN if [ -f /opt/app/package-lock.json ]; then cd /opt/app && npm ci --omit=dev; \
    elif [ -f /opt/app/package.json ]; then cd /opt/app && npm install --omit=dev; fi
# Fail the image build, not the deployment, when the job does not bundle.
RUN node bin/sluice.js bundle "/opt/app/${JOB}" -o /tmp/job-check.mjs

# ---- application: the runtime plus the job; `sluice application` runs it -------------------------
FROM runtime AS application
ARG JOB=wordcount.ts
COPY --from=job --chown=node:node /opt/app /opt/app
ENV SLUICE_ROLE=application \
    SLUICE_JOB=/opt/app/${JOB}
