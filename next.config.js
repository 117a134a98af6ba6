/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native addons (DuckDB; the Kafka client's crc32) and the Redis client: loaded from node_modules at run time, never bundled.
  serverExternalPackages: ['@duckdb/node-api', '@duckdb/node-bindings', '@platformatic/kafka', 'ioredis'],
  poweredByHeader: false,
  reactStrictMode: true,
};
export default nextConfig;
