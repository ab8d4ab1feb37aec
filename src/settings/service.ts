import { noteSettingsChanged } from '../catalog/service.ts';
import { removeImages, storeImages, type UploadedImage } from '../media/images.ts';
import type { FileStorage } from '../media/storage.ts';
import { FieldError } from '../lib/errors.ts';
import { SettingsModel, type Settings } from './model.ts';
import type { SettingsForm } from './schemas.ts';
import type { PickupInput } from './pickup.ts';

export { pickupHoursText, pickupInfo, type PickupInfo } from './pickup.ts';

export type { Settings };

const DEFAULTS = { displayName: 'Socialinės dirbtuvės', legalName: 'Socialinės dirbtuvės' };

export async function getSettings(): Promise<Settings> {
  const doc = await SettingsModel.findById('organisation').lean();
  return doc ?? new SettingsModel(DEFAULTS).toObject();
}

export async function saveSettings(input: SettingsForm): Promise<void> {
  const { aboutLt, aboutEn, defaultVatRate, courierFee, parcelLockerFee, ...rest } = input;
  await SettingsModel.updateOne(
    { _id: 'organisation' },
    {
      $set: {
        ...rest,
        defaultVatRateBps: defaultVatRate,
        courierFeeCents: courierFee,
        parcelLockerFeeCents: parcelLockerFee,
        about: { lt: aboutLt, en: aboutEn },
      },
    },
    { upsert: true, runValidators: true },
  );
  await noteSettingsChanged();
}

/** Pickup hours and instructions (their own form): the public pages show them within a moment. */
export async function savePickup(input: PickupInput): Promise<void> {
  await SettingsModel.updateOne(
    { _id: 'organisation' },
    { $set: { pickupHours: input.hours, pickupInstructions: input.instructions } },
    { upsert: true, runValidators: true },
  );
  await noteSettingsChanged();
}

/** The stored logo's key and its thumbnail's, or null when the workshop has no logo. */
export function logoImage(settings: Settings): { key: string; thumbKey: string } | null {
  const key = settings.logoKey ?? '';
  return key ? { key, thumbKey: key.replace(/\.webp$/, '-thumb.webp') } : null;
}

/** Records the workshop's logo (a key of a stored image) or removes it (''); returns the one it replaced. */
export async function setLogo(key: string): Promise<{ key: string; thumbKey: string } | null> {
  const previous = logoImage(await getSettings());
  await SettingsModel.updateOne(
    { _id: 'organisation' },
    { $set: { logoKey: key }, $setOnInsert: DEFAULTS },
    { upsert: true },
  );
  await noteSettingsChanged();
  return previous && previous.key !== key ? previous : null;
}

/**
 * Stores an uploaded logo (checked by content and re-encoded like every photo) and makes it the
 * workshop's; the logo it replaces is deleted. Throws a FieldError (field `logo`) for a bad file.
 */
export async function replaceLogo(storage: FileStorage, files: UploadedImage[]): Promise<void> {
  if (files.length !== 1) throw new FieldError('logo', 'settingsLogo.errors.oneFile');
  const [stored] = await storeImages(storage, 'branding', files, 'logo');
  const replaced = await setLogo(stored!.key);
  if (replaced) await removeImages(storage, [replaced]);
}

/** Removes the workshop's logo: e-mails show its name in text again. */
export async function removeLogo(storage: FileStorage): Promise<void> {
  if (!logoImage(await getSettings())) return;
  const replaced = await setLogo('');
  if (replaced) await removeImages(storage, [replaced]);
}
