/**
 * Demo data contributed by features. Each seeder runs as the database owner inside the demo
 * seeding transaction, after the tenant, teams and users exist, in `order`.
 */
import type { Tx } from '../../db/database.js';
import type { AppDeps } from '../../platform/deps.js';

export interface DemoContext {
  tx: Tx;
  deps: AppDeps;
  tenantId: string;
  /** Team ids by key: unit, child_welfare, job_centre, school, partner, health. */
  teams: Record<string, string>;
  /** User ids by demo user name. */
  users: Record<string, string>;
  /** Whether the tenant was created in this run (false: it existed, seed only what is missing). */
  fresh: boolean;
}

export interface DemoSeeder {
  name: string;
  order: number;
  seed: (context: DemoContext) => Promise<void>;
}

const seeders: DemoSeeder[] = [];

export function registerDemoSeeder(seeder: DemoSeeder): void {
  if (!seeders.some((existing) => existing.name === seeder.name)) seeders.push(seeder);
  seeders.sort((a, b) => a.order - b.order);
}

export function demoSeeders(): readonly DemoSeeder[] {
  return seeders;
}
