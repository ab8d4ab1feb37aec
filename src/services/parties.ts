import type { Settings } from '../settings/service.ts';
import type { ServiceRequestDoc } from './model.ts';

/** The workshop as the seller, snapshotted on a quote or invoice. */
export function sellerOf(settings: Settings) {
  return {
    name: settings.legalName ?? '',
    companyCode: settings.companyCode ?? '',
    vatCode: settings.vatPayer ? (settings.vatCode ?? '') : '',
    address: settings.address ?? '',
    city: '',
    postcode: '',
    country: 'LT',
    email: settings.email ?? '',
    phone: settings.phone ?? '',
    iban: settings.iban ?? '',
    bankName: settings.bankName ?? '',
    contactPerson: '',
  };
}

/** The business as the buyer, from its request. */
export function buyerOf(request: ServiceRequestDoc) {
  return {
    name: request.company!.name,
    companyCode: request.company!.code,
    vatCode: request.company!.vatCode ?? '',
    address: request.company!.address ?? '',
    city: '',
    postcode: '',
    country: 'LT',
    email: request.contact!.email,
    phone: request.contact!.phone ?? '',
    iban: '',
    bankName: '',
    contactPerson: request.contact!.name,
  };
}
