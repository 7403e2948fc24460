import type { LocalizedStrings } from '../i18n';

export interface WaitlistWelcomeStrings {
  subject: string;
  preview: string;
  heading: string;
  body: string;
  next: string;
}

export const waitlistWelcomeStrings = {
  en: {
    subject: "You're on the Groundwork waitlist",
    preview: "Thanks for joining — we'll write when your spot opens.",
    heading: "You're on the list",
    body: 'Thanks for joining the waitlist with {email}. We let people in in small batches.',
    next: "We'll email you as soon as your spot opens. Nothing else to do for now.",
  },
  fr: {
    subject: "Vous êtes sur la liste d'attente de Groundwork",
    preview: 'Merci de votre inscription — nous vous écrirons dès que votre place est prête.',
    heading: 'Vous êtes sur la liste',
    body: "Merci de vous être inscrit·e sur la liste d'attente avec {email}. Nous ouvrons l'accès par petits groupes.",
    next: "Nous vous écrirons dès que votre place sera prête. Rien d'autre à faire pour l'instant.",
  },
  ar: {
    subject: 'أنت الآن على قائمة انتظار Groundwork',
    preview: 'شكرًا لانضمامك — سنراسلك عندما يحين دورك.',
    heading: 'أنت على القائمة',
    body: 'شكرًا لانضمامك إلى قائمة الانتظار باستخدام {email}. نفتح الوصول على دفعات صغيرة.',
    next: 'سنراسلك فور توفر مكانك. لا شيء آخر عليك فعله الآن.',
  },
} satisfies LocalizedStrings<WaitlistWelcomeStrings>;
