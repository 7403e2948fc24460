import type { LocalizedStrings } from '../i18n';

export interface LayoutStrings {
  productName: string;
  footer: string;
  visit: string;
  /** Under every action button: the raw URL for clients that strip buttons. */
  linkFallback: string;
  /** Labels of the device/IP/time block, punctuation included (French spaces its colon). */
  device: string;
  ip: string;
  time: string;
  unknown: string;
}

export const layoutStrings = {
  en: {
    productName: 'Groundwork',
    footer: 'You received this email because of an action on {productName}.',
    visit: 'Open {productName}',
    linkFallback: "If the button doesn't work, copy this link into your browser:",
    device: 'Device:',
    ip: 'IP address:',
    time: 'Time:',
    unknown: 'Unknown',
  },
  fr: {
    productName: 'Groundwork',
    footer: 'Vous recevez cet e-mail suite à une action sur {productName}.',
    visit: 'Ouvrir {productName}',
    linkFallback: 'Si le bouton ne fonctionne pas, copiez ce lien dans votre navigateur :',
    device: 'Appareil :',
    ip: 'Adresse IP :',
    time: 'Date et heure :',
    unknown: 'Inconnu',
  },
  ar: {
    productName: 'Groundwork',
    footer: 'تلقيت هذه الرسالة بسبب إجراء على {productName}.',
    visit: 'افتح {productName}',
    linkFallback: 'إذا لم يعمل الزر، انسخ هذا الرابط في متصفحك:',
    device: 'الجهاز:',
    ip: 'عنوان IP:',
    time: 'الوقت:',
    unknown: 'غير معروف',
  },
} satisfies LocalizedStrings<LayoutStrings>;
