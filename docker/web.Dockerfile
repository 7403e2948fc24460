# syntax=docker/dockerfile:1.7
# Groundwork web (Next.js standalone output) — build from the repository root:
#   docker build -f docker/web.Dockerfile -t groundwork-web .
ARG NODE_VERSION=20.20
FROM node:${NODE_VERSION}-bookworm-slim AS base
ENV PNPM_HOME=/pnpm PATH=/pnpm:$PATH CI=true NEXT_TELEMETRY_DISABLED=1
RUN npm install -g pnpm@10.34.9
WORKDIR /repo

FROM base AS build
COPY pnpm-lock.yaml pnpm-workspace.yaml package.json .npmrc ./
RUN --mount=type=cache,id=pnpm,target=/pnpm/store pnpm fetch
COPY . .
ENV NEXT_OUTPUT=standalone
# The public URL the static marketing home is rendered with (its canonical, hreflang and Open
# Graph URLs); the server reads APP_URL again at run time for everything else (docs/deployment.md).
ARG APP_URL
RUN --mount=type=cache,id=pnpm,target=/pnpm/store pnpm install --offline --frozen-lockfile \
 && pnpm exec turbo run build --filter=@repo/web

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
# KEEP_ALIVE_TIMEOUT: idle browser/load-balancer connections stay open 75 s, longer than the
# usual balancer idle timeout (60 s), so the balancer closes first (docs/deployment.md).
ENV NODE_ENV=production PORT=3000 HOSTNAME=0.0.0.0 NEXT_TELEMETRY_DISABLED=1 KEEP_ALIVE_TIMEOUT=75000
WORKDIR /app
COPY --from=build --chown=node:node /repo/apps/web/.next/standalone ./
COPY --from=build --chown=node:node /repo/apps/web/.next/static ./apps/web/.next/static
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/en').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "apps/web/server.js"]
