import { Injectable } from '@nestjs/common';
import { NoActiveSessionError } from './errors/no-active-session.error.js';
import type { SessionData } from './interfaces/session-data.interface.js';
import type { SessionMode } from './interfaces/session-module-options.interface.js';
import { sessionContext } from './session-context.js';
import type { SessionHandle } from './session-handle.js';

/**
 * The current request's session, injectable anywhere: a plain singleton that finds the request
 * through `AsyncLocalStorage`, so injecting it never makes a provider request-scoped.
 * Every member acts like the same member of `SessionHandle`; outside a request that ran the
 * session middleware they throw `NoActiveSessionError`.
 */
@Injectable()
export class SessionService<T extends object = SessionData> {
  /** The current request's handle. */
  get current(): SessionHandle<T> {
    const handle = sessionContext.getStore();
    if (!handle) {
      throw new NoActiveSessionError();
    }
    return handle as unknown as SessionHandle<T>;
  }

  get id(): string {
    return this.current.id;
  }

  get isNew(): boolean {
    return this.current.isNew;
  }

  get mode(): SessionMode {
    return this.current.mode;
  }

  get<K extends keyof T & string>(key: K): T[K] | undefined {
    return this.current.get(key);
  }

  set<K extends keyof T & string>(key: K, value: T[K]): void {
    this.current.set(key, value);
  }

  patch(values: Partial<T>): void {
    this.current.patch(values);
  }

  has<K extends keyof T & string>(key: K): boolean {
    return this.current.has(key);
  }

  unset<K extends keyof T & string>(key: K): void {
    this.current.unset(key);
  }

  clear(): void {
    this.current.clear();
  }

  toJSON(): Partial<T> {
    return this.current.toJSON();
  }

  regenerate(options?: { keepData?: boolean }): Promise<void> {
    return this.current.regenerate(options);
  }

  destroy(): Promise<void> {
    return this.current.destroy();
  }

  save(): Promise<void> {
    return this.current.save();
  }

  touch(): void {
    this.current.touch();
  }

  flash(key: string, message: string): void {
    this.current.flash(key, message);
  }

  flashes(key: string): string[] {
    return this.current.flashes(key);
  }
}
