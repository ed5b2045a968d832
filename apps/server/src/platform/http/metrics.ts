import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from '../db/database.ts';
import { outboxLag } from '../events/dispatcher.ts';

/** Prometheus metrics at GET /metrics: HTTP counts and latency, outbox lag, database pool. */
export function registerMetrics(app: FastifyInstance, database: Database): void {
  const registry = new Registry();
  const requests = new Counter({ name: 'http_requests_total', help: 'HTTP requests', labelNames: ['method', 'route', 'status'], registers: [registry] });
  const latency = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency',
    labelNames: ['method', 'route'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  // A scrape collects every gauge at once: the two outbox gauges share one measurement.
  let lag: Promise<{ events: number; seconds: number }> | undefined;
  const lagOfThisScrape = () => {
    lag ??= outboxLag(database).finally(() => {
      lag = undefined;
    });
    return lag;
  };
  new Gauge({
    name: 'outbox_lag_events',
    help: 'Events not yet delivered to the slowest consumer',
    registers: [registry],
    async collect() {
      this.set((await lagOfThisScrape()).events);
    },
  });
  new Gauge({
    name: 'outbox_lag_seconds',
    help: 'Age of the oldest event not yet delivered to every consumer',
    registers: [registry],
    async collect() {
      this.set((await lagOfThisScrape()).seconds);
    },
  });
  new Gauge({
    name: 'db_pool_connections',
    help: 'Database pool connections by state',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const stats = database.poolStats();
      this.set({ state: 'total' }, stats.total);
      this.set({ state: 'idle' }, stats.idle);
      this.set({ state: 'waiting' }, stats.waiting);
    },
  });

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: reply.statusCode });
    latency.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    reply.type(registry.contentType);
    return registry.metrics();
  });
}
