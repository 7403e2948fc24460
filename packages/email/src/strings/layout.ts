import type { LocalizedStrings } from '../i18n';

export interface LayoutStrings {
  productName: string;
  footer: string;
  visit: string;
}

export const layoutStrings = {
  en: {
    productName: 'Groundwork',
    footer: 'You received this email because of an action on {productName}.',
    visit: 'Open {productName}',
  },
  fr: {
    productName: 'Groundwork',
    footer: 'Vous recevez cet e-mail suite à une action sur {productName}.',
    visit: 'Ouvrir {productName}',
  },
  ar: {
    productName: 'Groundwork',
    footer: 'تلقيت هذه الرسالة بسبب إجراء على {productName}.',
    visit: 'افتح {productName}',
  },
} satisfies LocalizedStrings<LayoutStrings>;
