/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native addons (DuckDB; the Kafka client's crc32), the Redis and PostgreSQL clients and PGlite (its WASM beside its code): loaded from node_modules at run time, never bundled.
  serverExternalPackages: ['@duckdb/node-api', '@duckdb/node-bindings', '@platformatic/kafka', 'ioredis', '@electric-sql/pglite', 'pg'],
  poweredByHeader: false,
  reactStrictMode: true,
};
export default nextConfig;
