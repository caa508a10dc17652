# License Desk runs its TypeScript sources directly on Node 24 LTS (type stripping), the same code
# path as `npm start` and the tests.
FROM node:24-bookworm-slim
ENV NODE_ENV=production LICENSE_DESK_MODE=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY src ./src
COPY cards ./cards
USER node
EXPOSE 3978
CMD ["node", "src/main.ts"]
