import type { Request } from 'express';
import type { Actor } from './audit.ts';

/** The signed-in staff member as the audit log records them (staff routes only). */
export function actorOf(req: Request): Actor {
  return { id: req.staff!.id, role: req.staff!.role, name: req.staff!.name };
}
