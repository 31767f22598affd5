# Driftline's container image: `driftline serve` in the management cluster (deploy/, docs/deploy.md).
# Not built or tested on the project's own machines (no Docker engine there): see docs/deploy.md.
#   docker build -t <registry>/driftline:0.1.0 .

# Build stage: every dependency, then `npm run build` (tsc, bundles, assets into dist/).
FROM node:24-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY . .
RUN npm run build

# Runtime stage: Node LTS slim, production dependencies only, the built CLI, a non-root user.
FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /src/dist ./dist
COPY --from=build /src/bin ./bin
# The image's `node` user (uid/gid 1000), numeric so the kubelet can verify runAsNonRoot.
USER 1000:1000
EXPOSE 8443
ENTRYPOINT ["node", "/app/bin/driftline.js"]
CMD ["serve"]
