import type { NextFunction, Request, Response } from 'express';
import type { Role } from '../staff/service.ts';

/** The staff area: its pages use the back-office layout (views/layouts/admin.hbs). */
const STAFF_AREA = /^\/(?:admin|account)(?:\/|$)/i;

interface NavItem {
  href: string;
  labelKey: string;
  roles: readonly Role[];
  /** Other paths that belong to the same section (the menu marks it as the current one). */
  also?: readonly string[];
}

const SHOP: readonly Role[] = ['admin', 'marketing'];
const WORKSHOP: readonly Role[] = ['admin', 'master'];
const ADMIN: readonly Role[] = ['admin'];

/** The back-office menu, in the order the staff use it; each entry shown to the roles that may open it. */
export const STAFF_NAV: readonly NavItem[] = [
  { href: '/admin', labelKey: 'dashboard.title', roles: ['admin', 'marketing', 'master'] },
  { href: '/admin/orders', labelKey: 'nav.orders', roles: SHOP },
  { href: '/admin/requests', labelKey: 'requests.navLabel', roles: SHOP, also: ['/admin/service-invoices'] },
  { href: '/admin/products', labelKey: 'catalogAdmin.title', roles: SHOP },
  { href: '/admin/categories', labelKey: 'categories.title', roles: SHOP },
  { href: '/admin/fair', labelKey: 'fair.navLabel', roles: SHOP },
  { href: '/admin/outbox', labelKey: 'outbox.title', roles: SHOP },
  { href: '/admin/accessibility-feedback', labelKey: 'a11y.staff.navLabel', roles: SHOP },
  {
    href: '/admin/participants',
    labelKey: 'participants.navLabel',
    roles: WORKSHOP,
    also: ['/admin/attendance'],
  },
  { href: '/admin/contributions', labelKey: 'contributions.navLabel', roles: WORKSHOP },
  { href: '/admin/stipends', labelKey: 'stipends.navLabel', roles: ADMIN },
  { href: '/admin/staff', labelKey: 'staff.title', roles: ADMIN },
  { href: '/admin/ledger', labelKey: 'ledger.navLabel', roles: ADMIN },
  { href: '/admin/reports', labelKey: 'impact.admin.title', roles: ADMIN },
  { href: '/admin/settings', labelKey: 'settings.title', roles: ADMIN },
];

function within(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}.`);
}

/** The menu entries a role sees, the section of `path` marked current (the dashboard only on itself). */
export function staffNav(role: Role, path: string): { href: string; labelKey: string; current: boolean }[] {
  const lower = path.toLowerCase().replace(/\/+$/, '') || '/';
  return STAFF_NAV.filter((item) => item.roles.includes(role)).map((item) => ({
    href: item.href,
    labelKey: item.labelKey,
    current:
      item.href === '/admin'
        ? lower === '/admin'
        : [item.href, ...(item.also ?? [])].some((prefix) => within(lower, prefix)),
  }));
}

/**
 * Signed-in staff in the staff area get the back-office layout and its menu; everyone else (the
 * login page included) keeps the shop's layout. A page can still choose its own with `layout`.
 */
export function staffLayout(req: Request, res: Response, next: NextFunction): void {
  if (req.staff && STAFF_AREA.test(req.path)) {
    res.locals.layout = 'admin';
    res.locals.staffNav = staffNav(req.staff.role, req.path);
    // Its own name: pages pass lists of staff members as `staff` (assignees, notification settings).
    res.locals.signedInName = req.staff.name;
  }
  next();
}
