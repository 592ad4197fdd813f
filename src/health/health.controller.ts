import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { STORE_ADMIN, StoreAdmin } from '../store/ports';
import { Public } from '../auth/roles.decorator';

/**
 * /health: the process is up (liveness; a load balancer restarts it otherwise).
 * /ready: the store answers (readiness; 503 while Neo4j is away, so traffic goes elsewhere).
 */
/** Orchestrators probe without a token. */
@Public()
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(STORE_ADMIN) private readonly store: Pick<StoreAdmin, 'kind' | 'ping'>,
  ) {}

  @Get('health')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      async () => {
        const store = this.indicators.check('store');
        try {
          await this.store.ping();
          return store.up({ kind: this.store.kind });
        } catch (err) {
          return store.down({ kind: this.store.kind, reason: (err as Error).message });
        }
      },
    ]);
  }
}
