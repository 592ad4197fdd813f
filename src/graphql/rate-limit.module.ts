import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfig } from '../config/app-config';
import { rateLimitOptions, RateLimitGuard } from './throttle.guard';

/**
 * Rate limits for every route (GraphQL, /export, GraphiQL) except /health and /ready. Counters
 * live in this process: behind several instances each counts alone (a Redis ThrottlerStorage
 * would share them).
 */
@Module({
  imports: [ThrottlerModule.forRootAsync({ inject: [AppConfig], useFactory: rateLimitOptions })],
  providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
})
export class RateLimitModule {}
