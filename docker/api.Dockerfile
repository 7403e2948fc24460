# syntax=docker/dockerfile:1.7
# Groundwork API — build from the repository root:
#   docker build -f docker/api.Dockerfile -t groundwork-api .
ARG NODE_VERSION=20.20
FROM node:${NODE_VERSION}-bookworm-slim AS base
ENV PNPM_HOME=/pnpm PATH=/pnpm:$PATH CI=true NEXT_TELEMETRY_DISABLED=1
RUN npm install -g pnpm@10.34.9
WORKDIR /repo

FROM base AS build
COPY pnpm-lock.yaml pnpm-workspace.yaml package.json .npmrc ./
RUN --mount=type=cache,id=pnpm,target=/pnpm/store pnpm fetch
COPY . .
RUN --mount=type=cache,id=pnpm,target=/pnpm/store pnpm install --offline --frozen-lockfile \
 && pnpm db:generate \
 && pnpm exec turbo run build --filter=@repo/api \
 && pnpm --filter @repo/api deploy --prod --legacy /out \
 && cp -r apps/api/dist /out/dist && cp -r prisma /out/prisma

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production API_HOST=0.0.0.0 API_PORT=4000
WORKDIR /app
COPY --from=build --chown=node:node /out ./
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.API_PORT||4000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Graceful shutdown: node is PID 1 here and handles SIGTERM itself (drains in-flight requests).
CMD ["node", "dist/server.js"]
