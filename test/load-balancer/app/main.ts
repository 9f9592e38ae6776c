/**
 * The sample app (sample/app.module.ts, every option from SESSION_* variables) with the load
 * run's counter route beside its pages, as one of several processes behind a load balancer:
 * `PORT=4001 node main.js`.
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../../../sample/app.module.js';
import { CounterController } from './counter.controller.js';

@Module({ imports: [AppModule], controllers: [CounterController] })
class LoadBalancedSampleModule {}

const app = await NestFactory.create(LoadBalancedSampleModule, { logger: ['error', 'warn'] });
app.enableShutdownHooks();
await app.listen(Number(process.env.PORT), '127.0.0.1');
console.log(`listening on ${process.env.PORT}`);
