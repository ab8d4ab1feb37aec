import { webEasyEn } from '../easy-messages.ts';
import { catalogEasyEn } from '../../catalog/easy-messages.ts';
import { ordersEasyEn } from '../../orders/easy-messages.ts';
import { servicesEasyEn } from '../../services/easy-messages.ts';
import { siteEasyEn } from '../../site/easy-messages.ts';
import { pickupEasyEn } from '../../settings/easy-messages.ts';
import { csvEn } from '../csv-messages.ts';
import { ledgerCsvEn } from '../../ledger/csv-messages.ts';
import { ordersCsvEn } from '../../orders/csv-messages.ts';
import { stipendsCsvEn } from '../../stipends/csv-messages.ts';
import { ledgerEn } from '../../ledger/messages.ts';
import { ledgerWordsEn } from '../../ledger/words-messages.ts';
import { einvoiceEn } from '../../services/einvoice-messages.ts';
import { periodCloseEn } from '../../stipends/close-messages.ts';
import { lateSaveEn } from '../../participants/late-save-messages.ts';
import { mailEn } from '../../mail/messages.ts';
import { mailLayoutEn } from '../../mail/layout-messages.ts';
import { settingsLogoEn } from '../../settings/logo-messages.ts';
import { answerEn } from '../../services/answer-messages.ts';
import { ordersEn } from '../../orders/messages.ts';
import { ordersAdminEn } from '../../orders/admin-messages.ts';
import { staffOrderEn } from '../../orders/staff-order-messages.ts';
import { orderInvoiceEn } from '../../orders/invoice-messages.ts';
import { servicesEn } from '../../services/messages.ts';
import { invoiceLawEn } from '../../services/invoice-law-messages.ts';
import { participantsEn } from '../../participants/messages.ts';
import { bankEn } from '../../participants/bank-messages.ts';
import { monthEn } from '../../participants/month-messages.ts';
import { stipendsEn } from '../../stipends/messages.ts';
import { checksEn } from '../../stipends/checks-messages.ts';
import { sepaEn } from '../../stipends/sepa-messages.ts';
import { statementEn } from '../../stipends/statement-messages.ts';
import { fairEn } from '../../fair/messages.ts';
import { pdfEn } from '../../pdf/messages.ts';
import { pdfInvoiceEn } from '../../pdf/invoice-messages.ts';
import { notificationsEn } from '../../notifications/messages.ts';
import { siteEn } from '../../site/messages.ts';
import { legalEn } from '../../site/legal-messages.ts';
import { staffEditEn } from '../../staff/messages.ts';
import { searchEn } from '../../catalog/search-messages.ts';
import { pickupEn } from '../../settings/pickup-messages.ts';
import { pickupOrderEn } from '../../orders/pickup-messages.ts';
import { lockersEn } from '../../lockers/messages.ts';
import { checkoutEn } from '../../orders/checkout-messages.ts';
import { cartEn } from '../../orders/cart-messages.ts';
import type { lt } from './lt.ts';
import { dashboardEn } from '../dashboard-messages.ts';
import { channelsEn } from '../../ledger/channel-messages.ts';
import { impactEn } from '../../impact/messages.ts';
import { ownPageEn } from '../../participants/own-messages.ts';

/** English: the second language. Typed against lt.ts so a missing key fails the type check. */
export const en: Record<keyof typeof lt, string> = {
  'nav.skip': 'Skip to content',
  'nav.main': 'Main menu',
  'nav.catalogue': 'Shop',
  'nav.services': 'Services for business',
  'nav.admin': 'Management',
  'nav.logout': 'Sign out',
  'nav.easyReadOn': 'Easy read',
  'nav.easyReadOff': 'Standard view',
  'nav.breadcrumbs': 'Breadcrumbs',

  'footer.companyCode': 'company code',
  'footer.about':
    'At social workshops people with disabilities learn and work. They receive a stipend from what is sold.',
  'footer.about.easy': 'People with disabilities work here. When you buy, they get money.',
  'footer.staffLogin': 'Staff sign-in',

  'home.title': 'Home',
  'home.intro':
    'Handmade goods from a social workshop: ceramics, candles, textiles, woodwork. Every purchase supports the workshop participants.',
  'home.intro.easy': 'Here you can buy things made by the people of the workshop.',
  'home.browse': 'Browse the shop',
  'home.forBusiness': 'Services for business',
  'home.categories': 'Categories',
  'home.newest': 'New in',
  'home.allProducts': 'All goods',
  'home.services': 'Services for business',
  'home.servicesIntro':
    'We pack, label, make gift sets for corporate events and do other work for companies.',
  'home.servicesIntro.easy': 'We can do work for companies.',
  'home.allServices': 'All services',

  'catalogue.title': 'Shop',
  'catalogue.searchLabel': 'Search the shop',
  'catalogue.search': 'Search',
  'catalogue.category': 'Category',
  'catalogue.allCategories': 'All categories',
  'catalogue.sort': 'Sort by',
  'catalogue.sort.newest': 'Newest',
  'catalogue.sort.price-asc': 'Price: low to high',
  'catalogue.sort.price-desc': 'Price: high to low',
  'catalogue.sort.title': 'Name: A–Z',
  'catalogue.apply': 'Show',
  'catalogue.found.one': '{count} item found',
  'catalogue.found.few': '{count} items found',
  'catalogue.found.many': '{count} items found',
  'catalogue.found.other': '{count} items found',
  'catalogue.noResults': 'Nothing found. Try another word or category.',
  'catalogue.noResults.easy': 'Nothing found. Try another word.',
  'catalogue.empty': 'No goods yet.',

  'product.priceFrom': 'from',
  'product.inStock': 'In stock',
  'product.inStockCount': 'In stock: {count}',
  'product.soldOut': 'Sold out for now',
  'product.madeToOrderDays.one': 'Made to order, about {count} day',
  'product.madeToOrderDays.few': 'Made to order, about {count} days',
  'product.madeToOrderDays.many': 'Made to order, about {count} days',
  'product.madeToOrderDays.other': 'Made to order, about {count} days',
  'product.vatIncluded': 'Price includes {rate}% VAT',
  'product.sku': 'Item code',
  'product.photoN': '{title}, photo {n}',

  'services.title': 'Services for business',
  'services.intro':
    'Workshop participants do work for companies. Tell us what you need and we will send an offer with a price and a date.',
  'services.intro.easy': 'We work for companies. Write to us what you need.',
  'services.leadTime.one': 'Usual turnaround: {count} working day',
  'services.leadTime.few': 'Usual turnaround: {count} working days',
  'services.leadTime.many': 'Usual turnaround: {count} working days',
  'services.leadTime.other': 'Usual turnaround: {count} working days',
  'services.empty': 'The list of services is being prepared.',

  'pagination.label': 'Pages',
  'pagination.prev': 'Previous',
  'pagination.next': 'Next',
  'pagination.position': 'Page {page} of {pages}',

  'login.title': 'Staff sign-in',
  'login.intro': 'Sign in with your work e-mail and password.',
  'login.submit': 'Sign in',
  'login.failed': 'Wrong e-mail or password.',
  'login.tooMany': 'Too many attempts. Wait 15 minutes and try again.',

  'account.passwordTitle': 'Change password',
  'account.mustChange': 'You signed in with a one-time password. Choose your own password to continue.',
  'account.changePassword': 'Change password',
  'account.passwordChanged': 'Password changed.',

  'admin.nav': 'Management menu',
  'dashboard.title': 'Management',
  'dashboard.hello': 'Hello, {name}!',
  'dashboard.catalogHint': 'Goods and services, prices, photos, publishing',
  'dashboard.newGoodHint': 'Add a new item',
  'dashboard.newServiceHint': 'Describe a service for business',
  'dashboard.staffHint': 'Accounts, roles, passwords',
  'dashboard.settingsHint': 'Legal details, bank, VAT',
  'dashboard.passwordHint': 'Change your own password',

  'roles.admin': 'administrator',
  'roles.marketing': 'marketing specialist',
  'roles.master': 'production master',
  'kinds.good': 'Good',
  'kinds.service': 'Service',
  'status.draft': 'Draft',
  'status.published': 'Published',
  'status.archived': 'Archived',

  'catalogAdmin.title': 'Catalogue',
  'catalogAdmin.newGood': 'New good',
  'catalogAdmin.newService': 'New service',
  'catalogAdmin.editTitle': 'Edit',
  'catalogAdmin.kind': 'Type',
  'catalogAdmin.allKinds': 'All types',
  'catalogAdmin.status': 'Status',
  'catalogAdmin.activeStatuses': 'Drafts and published',
  'catalogAdmin.madeToOrderShort': 'to order',
  'catalogAdmin.backToList': 'Back to the catalogue',
  'catalogAdmin.viewPublic': 'View in the shop',
  'catalogAdmin.texts': 'Name and description',
  'catalogAdmin.priceAndIds': 'Price and codes',
  'catalogAdmin.availability': 'Stock',
  'catalogAdmin.leadTime': 'Turnaround',
  'catalogAdmin.images': 'Photos',
  'catalogAdmin.currentImages': 'Uploaded photos',
  'catalogAdmin.cover': 'Main photo',
  'catalogAdmin.makeCover': 'Make main photo',
  'catalogAdmin.removeImage': 'Remove',
  'catalogAdmin.confirmRemoveImage': 'Remove this photo?',
  'catalogAdmin.save': 'Save',
  'catalogAdmin.create': 'Create',
  'catalogAdmin.created': 'Created: {title}. Buyers will not see it until you publish it.',
  'catalogAdmin.saved': 'Saved: {title}.',
  'catalogAdmin.visibility': 'Visibility',
  'catalogAdmin.publish': 'Publish',
  'catalogAdmin.unpublish': 'Unpublish',
  'catalogAdmin.archive': 'Archive',
  'catalogAdmin.restore': 'Restore from archive',
  'catalogAdmin.delete': 'Delete',
  'catalogAdmin.confirmDelete': 'Delete? If it was ever published, it will be archived instead.',
  'catalogAdmin.deleteHint':
    'An item that was ever published is archived, not deleted: it may be in orders and links.',
  'catalogAdmin.published': 'Published: buyers can see it now.',
  'catalogAdmin.unpublished': 'No longer published.',
  'catalogAdmin.archived': 'Archived.',
  'catalogAdmin.restored': 'Restored from the archive as a draft.',
  'catalogAdmin.deleted': 'Deleted.',
  'catalogAdmin.archivedInstead': 'This item was published before, so it was archived rather than deleted.',
  'catalogAdmin.imageRemoved': 'Photo removed.',
  'catalogAdmin.coverChanged': 'Main photo changed.',

  'catalog.errors.archivedReadOnly': 'An archived item cannot be changed. Restore it from the archive first.',
  'catalog.errors.notDraft': 'Only a draft can be published.',
  'catalog.errors.notPublished': 'This item is not published.',
  'catalog.errors.alreadyArchived': 'This item is already archived.',
  'catalog.errors.notArchived': 'This item is not archived.',
  'catalog.errors.concurrentEdit': 'Someone has just changed this item. Reload the page and try again.',
  'catalog.errors.categoryInUse': 'The category cannot be deleted: it still has items.',

  'categories.title': 'Categories',
  'categories.editTitle': 'Edit category',
  'categories.new': 'New category',
  'categories.create': 'Create category',
  'categories.created': 'Category created.',
  'categories.saved': 'Category saved.',
  'categories.deleted': 'Category deleted.',
  'categories.delete': 'Delete',
  'categories.confirmDelete': 'Delete this category?',
  'categories.empty': 'No categories yet.',
  'categories.actions': 'Actions',

  'staff.title': 'Staff',
  'staff.new': 'New account',
  'staff.newHint':
    'After creating the account we show a one-time password. Hand it to the person; they choose their own at first sign-in.',
  'staff.create': 'Create account',
  'staff.issued': 'One-time password for {name} ({email}):',
  'staff.issuedHint': 'It is shown only now. Hand it over safely; it must be changed at sign-in.',
  'staff.lastLogin': 'Last sign-in',
  'staff.state': 'State',
  'staff.activeState': 'Active',
  'staff.disabledState': 'Disabled',
  'staff.you': 'you',
  'staff.disable': 'Disable',
  'staff.enable': 'Enable',
  'staff.resetPassword': 'New password',
  'staff.confirmDisable': 'Disable this account? The person will be signed out.',
  'staff.confirmReset': 'Create a new one-time password? The old one stops working.',
  'staff.disabled': 'Account disabled.',
  'staff.enabled': 'Account enabled.',
  'staff.errors.emailTaken': 'An account with this e-mail already exists.',
  'staff.errors.lastAdmin': 'The last active administrator cannot be disabled.',
  'staff.errors.disableSelf': 'You cannot disable your own account.',
  'staff.errors.wrongPassword': 'The current password is wrong.',
  'staff.errors.samePassword': 'The new password must differ from the current one.',

  'settings.title': 'Settings',
  'settings.organisation': 'Organisation',
  'settings.bankAndVat': 'Bank and VAT',
  'settings.homeText': 'Home page text',
  'settings.orders': 'Orders',
  'fields.courierFee': 'Courier delivery fee incl. VAT, €',
  'fields.parcelLockerFee': 'Parcel locker delivery fee incl. VAT, €',
  'fields.transferDueDays': 'Bank transfer due in, days',
  'fields.transferDueDaysHint': 'Orders not paid within this many days are cancelled automatically.',
  'settings.saved': 'Settings saved.',

  'fields.title': 'Name',
  'fields.titleLt': 'Name in Lithuanian',
  'fields.titleEn': 'Name in English',
  'fields.descriptionLt': 'Description in Lithuanian',
  'fields.descriptionEn': 'Description in English',
  'fields.slug': 'Address (URL part)',
  'fields.slugHint': 'Lower-case letters, digits and hyphens. Leave empty to make one from the name.',
  'fields.sku': 'Code (SKU)',
  'fields.category': 'Category',
  'fields.noCategory': 'No category',
  'fields.price': 'Price',
  'fields.priceGross': 'Price incl. VAT, €',
  'fields.priceNet': 'Price excl. VAT, €',
  'fields.priceHint': 'For example 12.50',
  'fields.vatRate': 'VAT rate, %',
  'fields.vatRateHint': 'Leave 0 if the organisation is not a VAT payer.',
  'fields.unitLt': 'Unit in Lithuanian',
  'fields.unitEn': 'Unit in English',
  'fields.unitHint': 'For example “100 pcs” or “hour”',
  'fields.stock': 'Stock',
  'fields.stockMode': 'How it is sold',
  'fields.stockModeStock': 'From stock (already made)',
  'fields.stockModeMadeToOrder': 'Made to order',
  'fields.stockQuantity': 'Quantity in stock',
  'fields.leadTimeDays': 'Making or turnaround time, days',
  'fields.leadTimeHint': 'Required for made-to-order goods.',
  'fields.image': 'Photo',
  'fields.addImages': 'Add photos',
  'fields.imagesHint': 'JPEG, PNG, WebP, AVIF, HEIC or GIF; up to {max} photos, each up to {mb} MB.',
  'fields.imagesAgain': 'If you had chosen photos, choose them again.',
  'fields.name': 'Full name',
  'fields.nameLt': 'Name in Lithuanian',
  'fields.nameEn': 'Name in English',
  'fields.position': 'Order number',
  'fields.email': 'E-mail',
  'fields.password': 'Password',
  'fields.currentPassword': 'Current password',
  'fields.newPassword': 'New password',
  'fields.confirmPassword': 'Repeat the new password',
  'fields.passwordHint': 'At least 10 characters. A phrase of several words works well.',
  'fields.role': 'Role',
  'fields.displayName': 'Name on the website',
  'fields.legalName': 'Legal name',
  'fields.companyCode': 'Company code',
  'fields.address': 'Address',
  'fields.phone': 'Phone',
  'fields.iban': 'Bank account (IBAN)',
  'fields.bankName': 'Bank',
  'fields.vatPayer': 'The organisation is a VAT payer',
  'fields.vatCode': 'VAT code',
  'fields.defaultVatRate': 'Default VAT rate, %',
  'fields.pricesIncludeVat': 'Prices are entered including VAT',
  'fields.aboutLt': 'Text in Lithuanian',
  'fields.aboutEn': 'Text in English',

  'form.errorSummary': 'Please check the marked fields',

  'errors.title': 'Something went wrong',
  'errors.home': 'Go to the home page',
  'errors.notFound': 'There is no such page.',
  'errors.forbidden': 'Your role does not allow opening this page.',
  'errors.csrf': 'The form has expired. Reload the page and try again.',
  'errors.badRequest': 'The request is not valid.',
  'errors.tooLarge': 'The data sent is too large.',
  'errors.server': 'Something failed on our side. Please try again in a few minutes.',
  'errors.required': 'This field is required.',
  'errors.invalid': 'This value is not valid.',
  'errors.invalidChoice': 'Choose one of the options.',
  'errors.tooShort': 'Too short: at least {min} characters.',
  'errors.tooLong': 'Too long: at most {max} characters.',
  'errors.tooSmall': 'The value is too small.',
  'errors.tooBig': 'The value is too large.',
  'errors.email': 'Enter an e-mail address, e.g. name@company.lt.',
  'errors.amount': 'Enter an amount in euros, e.g. 12.50.',
  'errors.amountRange': 'The amount must be between 0 and €100,000.',
  'errors.wholeNumber': 'Enter a whole number.',
  'errors.numberRange': 'The number is out of range.',
  'errors.vatRate': 'Enter a VAT rate in percent from 0 to 100, e.g. 21.',
  'errors.slug': 'Only lower-case Latin letters, digits and hyphens.',
  'errors.slugTaken': 'This address is already in use.',
  'errors.sku': 'Only letters, digits, dots, hyphens and underscores.',
  'errors.skuTaken': 'This code is already in use.',
  'errors.leadTimeRequired': 'Made-to-order goods need a making time (at least 1 day).',
  'errors.imageType': 'The file “{name}” is not a supported photo (JPEG, PNG, WebP, AVIF, HEIC, GIF).',
  'errors.imageBroken': 'The photo “{name}” could not be opened: the file is damaged or too large in pixels.',
  'errors.imageTooLarge': 'The photo is too large: each must be at most {max} MB.',
  'errors.tooManyImages': 'Too many photos: {max} allowed in all.',
  'errors.uploadFailed': 'The upload failed. Please try again.',
  'errors.companyCode': 'A company code has 9 (or, for older ones, 7) digits.',
  'errors.vatCode': 'A VAT code is LT followed by 9 or 12 digits.',
  'errors.vatCodeRequired': 'A VAT payer needs a VAT code.',
  'errors.phone': 'Enter a phone number, e.g. +370 600 00000.',
  'errors.iban': 'Invalid IBAN. Check the account number.',
  'errors.passwordTooShort': 'The password is too short: at least 10 characters.',
  'errors.passwordMismatch': 'The passwords do not match.',
  // The database did not answer in time (503)
  'errors.unavailable': 'We cannot answer right now. Please try again in a few moments.',
  'errors.unavailable.easy': 'This does not work right now. Wait a little and try again.',
  // Organisation settings
  'settings.errors.displayNameOneLine':
    'Write the name on one line (it is shown as the sender of the e-mails).',

  // E-mails by kind and language, as staff read them (outbox, timelines).
  'mailKind.order.received': 'Order received',
  'mailKind.order.paid': 'Order paid',
  'mailKind.order.ready': 'Order ready',
  'mailKind.order.cancelled': 'Order cancelled',
  'mailKind.order.refunded': 'Money refunded',
  'mailKind.order.link': 'Order link',
  'mailKind.request.received': 'Request received',
  'mailKind.request.quote': 'Quote',
  'mailKind.request.invoice': 'Invoice',
  'mailKind.request.creditNote': 'Credit note',
  'mailKind.unknown': 'Other e-mail',
  'mailKind.inLang': '{kind}, {lang}',
  'mailLang.lt': 'in Lithuanian',
  'mailLang.en': 'in English',
  ...ordersEn,
  ...ordersAdminEn,
  ...staffOrderEn,
  ...orderInvoiceEn,
  ...ledgerEn,
  ...ledgerWordsEn,
  ...periodCloseEn,
  ...lateSaveEn,
  ...mailEn,
  ...mailLayoutEn,
  ...settingsLogoEn,
  ...answerEn,
  ...servicesEn,
  ...einvoiceEn,
  ...invoiceLawEn,
  ...participantsEn,
  ...bankEn,
  ...monthEn,
  ...stipendsEn,
  ...checksEn,
  ...sepaEn,
  ...statementEn,
  ...fairEn,
  ...pdfEn,
  ...pdfInvoiceEn,
  ...notificationsEn,
  ...siteEn,
  ...legalEn,
  ...dashboardEn,
  ...channelsEn,
  ...staffEditEn,
  ...searchEn,
  ...pickupEn,
  ...pickupOrderEn,
  ...lockersEn,
  ...checkoutEn,
  ...cartEn,
  ...csvEn,
  ...ledgerCsvEn,
  ...ordersCsvEn,
  ...stipendsCsvEn,
  ...webEasyEn,
  ...catalogEasyEn,
  ...ordersEasyEn,
  ...servicesEasyEn,
  ...siteEasyEn,
  ...impactEn,
  ...ownPageEn,
  ...pickupEasyEn,

  // One-time form keys (src/web/form-once.ts)
  'forms.errors.formKey': 'This page is out of date. Reload it and send the form again.',
  'forms.pending': 'This form was sent already and is still being handled. Reload the page in a moment.',
  // The back-office layout (views/layouts/admin.hbs, src/web/staff-layout.ts)
  'staffLayout.menu': 'Menu',
  'staffLayout.toShop': 'View the shop',
  'staffLayout.account': 'Your account',
};
