/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native addons (DuckDB; the Kafka client's crc32): load them from node_modules at run time, never bundle them.
  serverExternalPackages: ['@duckdb/node-api', '@duckdb/node-bindings', '@platformatic/kafka'],
  poweredByHeader: false,
  reactStrictMode: true,
};
export default nextConfig;
