import ar from '../../messages/ar.json' with { type: 'json' };
import en from '../../messages/en.json' with { type: 'json' };
import fr from '../../messages/fr.json' with { type: 'json' };

export const messages = { en, fr, ar } as const;
export type TestLocale = keyof typeof messages;
export const testLocales: TestLocale[] = ['en', 'fr', 'ar'];
