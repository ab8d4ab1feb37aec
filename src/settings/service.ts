import { noteSettingsChanged } from '../catalog/service.ts';
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
