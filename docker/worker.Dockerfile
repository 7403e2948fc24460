# syntax=docker/dockerfile:1.7
# Groundwork worker — build from the repository root:
#   docker build -f docker/worker.Dockerfile -t groundwork-worker .
ARG NODE_VERSION=20.20
FROM node:${NODE_VERSION}-bookworm-slim AS base
ENV PNPM_HOME=/pnpm PATH=/pnpm:$PATH CI=true
RUN npm install -g pnpm@10.34.9
WORKDIR /repo

FROM base AS build
COPY pnpm-lock.yaml pnpm-workspace.yaml package.json .npmrc ./
RUN --mount=type=cache,id=pnpm,target=/pnpm/store pnpm fetch
COPY . .
RUN --mount=type=cache,id=pnpm,target=/pnpm/store pnpm install --offline --frozen-lockfile \
 && pnpm db:generate \
 && pnpm exec turbo run build --filter=@repo/worker \
 && pnpm --filter @repo/worker deploy --prod --legacy /out \
 && cp -r apps/worker/dist /out/dist

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production WORKER_HEALTH_PORT=4001
WORKDIR /app
COPY --from=build --chown=node:node /out ./
USER node
EXPOSE 4001
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.WORKER_HEALTH_PORT||4001)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# SIGTERM drains active jobs before exit; give it time (compose stop_grace_period).
CMD ["node", "dist/main.js"]
