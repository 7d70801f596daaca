/** The main menu, assembled from the features; each item says which roles see it. */
import type { Role } from '../access/roles.js';

export interface NavItem {
  href: string;
  labelKey: string;
  roles: readonly Role[];
  order: number;
}

const items: NavItem[] = [];

export function registerNavItem(item: NavItem): void {
  if (!items.some((existing) => existing.href === item.href)) items.push(item);
  items.sort((a, b) => a.order - b.order);
}

export function navItemsFor(role: Role | null): NavItem[] {
  return role ? items.filter((item) => item.roles.includes(role)) : [];
}
