/**
 * The Prometheus reporter of one process (docs/metrics.md, "Prometheus"): an HTTP endpoint that
 * collects the process's metrics when scraped (any GET path, as Flink's reporter) and answers the
 * text exposition format. It takes the first free port of `metrics.reporter.prom.port`.
 */
import { createServer, type Server } from "node:http";
import type { MetricGroupDump } from "../../runtime/metrics/metric-dump.js";
import { SluiceError, registerErrorClass } from "../../errors/sluice-error.js";
import { PROMETHEUS_CONTENT_TYPE, toPrometheusText } from "./prometheus-format.js";

export class MetricReporterPortError extends SluiceError {}
registerErrorClass(MetricReporterPortError);

export class PrometheusReporter {
  private constructor(
    private readonly server: Server,
    readonly host: string,
    readonly port: number,
  ) {}

  static async start(host: string, ports: number[], collect: () => Promise<MetricGroupDump[]> | MetricGroupDump[]): Promise<PrometheusReporter> {
    const server = createServer((req, res) => {
      if (req.method !== "GET" && req.method !== "HEAD") {
        res.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain" }).end("only GET\n");
        return;
      }
      void (async () => {
        try {
          const body = toPrometheusText(await collect());
          res.writeHead(200, { "content-type": PROMETHEUS_CONTENT_TYPE, "content-length": Buffer.byteLength(body) }).end(req.method === "HEAD" ? undefined : body);
        } catch (e) {
          res.writeHead(500, { "content-type": "text/plain" }).end(`collecting metrics failed: ${(e as Error).message}\n`);
        }
      })();
    });
    const errors: string[] = [];
    for (const port of ports) {
      try {
        await new Promise<void>((resolve, reject) => {
          server.once("error", reject);
          server.listen(port, host, () => {
            server.off("error", reject);
            resolve();
          });
        });
        const address = server.address();
        return new PrometheusReporter(server, host, typeof address === "object" && address ? address.port : port);
      } catch (e) {
        errors.push(`${port}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
    }
    throw new MetricReporterPortError(
      `the Prometheus reporter found no free port on ${host} among ${ports.length === 1 ? ports[0] : `${ports[0]}-${ports[ports.length - 1]}`} (${errors.slice(0, 5).join(", ")}); ` +
        "widen metrics.reporter.prom.port (e.g. 9249-9260)",
    );
  }

  get url(): string {
    return `http://${this.host.includes(":") ? `[${this.host}]` : this.host}:${this.port}/metrics`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
