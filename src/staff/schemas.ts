import { z } from 'zod';
import { objectId, requiredText } from '../web/form-fields.ts';
import { ROLES } from './model.ts';

export { ROLES };

const email = requiredText(200)
  .pipe(z.email('errors.email'))
  .transform((v) => v.toLowerCase());
const password = z.string().min(10, 'errors.passwordTooShort').max(200, 'errors.tooLong');

export const loginForm = z.object({
  email: requiredText(200),
  password: z.string().min(1, 'errors.required').max(200),
  next: z.string().max(500).optional(),
});

export const createStaffForm = z.object({
  email,
  name: requiredText(120),
  role: z.enum(ROLES),
});

/** An administrator's edit of an account: the same fields as a new one. */
export const editStaffForm = createStaffForm;

export const changePasswordForm = z
  .object({
    current: z.string().min(1, 'errors.required').max(200),
    password,
    confirm: z.string().max(200),
  })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'errors.passwordMismatch' });

export const staffIdParam = z.object({ id: objectId });

export const createAdminArgs = z.object({ email, name: requiredText(120) });
