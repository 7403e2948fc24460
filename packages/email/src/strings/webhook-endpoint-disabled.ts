import type { LocalizedStrings } from '../i18n';

export interface WebhookEndpointDisabledStrings {
  subject: string;
  preview: string;
  heading: string;
  bodyGone: string;
  bodyFailing: string;
  next: string;
  button: string;
}

export const webhookEndpointDisabledStrings = {
  en: {
    subject: 'A webhook endpoint of {organization} was disabled',
    preview: 'Events are no longer sent to {url}.',
    heading: 'Webhook endpoint disabled',
    bodyGone: 'The endpoint {url} answered "410 Gone", so {organization} no longer sends it events.',
    bodyFailing:
      'Deliveries to {url} kept failing after every retry, so {organization} stopped sending it events.',
    next: 'Fix the receiver, re-enable the endpoint, then recover the messages it missed from its delivery log.',
    button: 'Open webhook settings',
  },
  fr: {
    subject: "Un point de terminaison webhook d'{organization} a été désactivé",
    preview: 'Les événements ne sont plus envoyés à {url}.',
    heading: 'Point de terminaison webhook désactivé',
    bodyGone:
      "Le point de terminaison {url} a répondu « 410 Gone » : {organization} ne lui envoie plus d'événements.",
    bodyFailing:
      'Les envois vers {url} échouaient encore après chaque nouvelle tentative : {organization} a cessé de lui envoyer des événements.',
    next: 'Réparez le récepteur, réactivez le point de terminaison, puis renvoyez depuis son journal les messages manqués.',
    button: 'Ouvrir les réglages webhooks',
  },
  ar: {
    subject: 'تم تعطيل نقطة استقبال webhook لدى {organization}',
    preview: 'لم تعد الأحداث تُرسل إلى {url}.',
    heading: 'تم تعطيل نقطة استقبال webhook',
    bodyGone: 'أجابت نقطة الاستقبال {url} بالرمز ‎410 Gone‎، لذا لم تعد {organization} ترسل إليها الأحداث.',
    bodyFailing:
      'ظلت عمليات الإرسال إلى {url} تفشل بعد كل إعادة محاولة، لذا توقفت {organization} عن إرسال الأحداث إليها.',
    next: 'أصلح المستقبِل، ثم أعد تفعيل نقطة الاستقبال، ثم أعد إرسال الرسائل الفائتة من سجل التسليم.',
    button: 'افتح إعدادات webhooks',
  },
} satisfies LocalizedStrings<WebhookEndpointDisabledStrings>;
