# syntax=docker/dockerfile:1
#
# Sluice container images (docs/deployment.md). scripts/build-images.sh builds both with docker or
# podman; by hand:
#
#   docker build -t my-job --build-arg JOB_DIR=jobs --build-arg JOB=my-job.ts .
#       the application image (the default, last stage): sluice plus the job; runs
#       `sluice application` (SLUICE_ROLE=application)
#   docker build -t sluice --target runtime .
#       the runtime image without a job: TaskManagers (SLUICE_ROLE=taskmanager, the default) and
#       session-cluster JobManagers (SLUICE_ROLE=jobmanager)
#
# Build arguments:
#   BASE          the Node image every stage starts from (default the public node:20 slim image; any
#                 Debian-like image with node >= 20, npm and a user `node` will do, e.g. the local
#                 base of docker/make-local-base.sh where no registry is reachable)
#   SLUICE_BUILD  source (default): npm ci and compile inside the image;
#                 prebuilt: take an already compiled tree with production dependencies from the
#                 build context's prebuilt/ folder (scripts/build-images.sh --prebuilt makes that
#                 context, for machines whose builds cannot reach the npm registry)
#   JOB_DIR, JOB  the application's folder and its job file within it
#
# Both are configured by environment variables and the configuration file, see docker/entrypoint.sh.

ARG NODE_VERSION=20
ARG BASE=node:${NODE_VERSION}-bookworm-slim
ARG SLUICE_BUILD=source

# ---- build-source: install every dependency, compile the runtime and the dashboard ----------------
FROM ${BASE} AS build-source
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

# ---- build-prebuilt: the same tree, compiled outside the image (offline builds) -------------------
FROM ${BASE} AS build-prebuilt
WORKDIR /opt/sluice
COPY prebuilt/ ./

# ---- build: whichever of the two SLUICE_BUILD names ------------------------------------------------
FROM build-${SLUICE_BUILD} AS build

# ---- runtime: sluice and its production dependencies, no job --------------------------------------
FROM ${BASE} AS runtime
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
COPY docker/healthcheck.mjs /usr/local/bin/sluice-healthcheck
RUN chmod 0755 /usr/local/bin/sluice-entrypoint /usr/local/bin/sluice-healthcheck \
    && mkdir -p /opt/sluice/data && chown node:node /opt/sluice/data
# Job code runs in these processes: not as root.
USER node
# TaskManager data and RPC, JobManager RPC, REST and dashboard (see conf/config.yaml).
EXPOSE 6121 6122 6123 8081
# Healthy when the process serves: REST (JobManagers) or its RPC port (TaskManagers).
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s CMD ["/usr/local/bin/sluice-healthcheck"]
# node runs as PID 1 and handles SIGTERM/SIGINT itself (a clean shutdown, see docs/deployment.md).
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
