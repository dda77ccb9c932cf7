# One image for every service: the gateway and the four subgraphs differ only in their command and
# environment (see docker-compose.yml). TypeScript runs through tsx, so there is no build step.
FROM node:20-bookworm-slim

# Set before `npm ci` so npm also treats this as a production install.
ENV NODE_ENV=production

WORKDIR /app

# Dependencies first, so a source change does not reinstall them. tsx is a runtime dependency;
# jest, eslint and the compilers are not needed to serve requests.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force

COPY . .

# The source stays root-owned and read-only to the service; only the embedded (PGlite) data
# directory, used when no database URL is configured, must be writable.
RUN mkdir -p data && chown node:node data

USER node

EXPOSE 4000 4001 4002 4003 4004

CMD ["node", "--import", "tsx", "gateway/index.ts"]
