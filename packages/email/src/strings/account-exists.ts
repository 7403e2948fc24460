import type { LocalizedStrings } from '../i18n';

export interface AccountExistsStrings {
  subject: string;
  preview: string;
  heading: string;
  body: string;
  button: string;
  forgot: string;
  forgotLink: string;
  ignore: string;
}

export const accountExistsStrings = {
  en: {
    subject: 'You already have a Groundwork account',
    preview: 'Someone tried to sign up with your address. Sign in instead.',
    heading: 'You already have an account',
    body: 'Someone, hopefully you, tried to sign up with {email}, but this address already has a Groundwork account.',
    button: 'Sign in',
    forgot: 'Forgotten your password?',
    forgotLink: 'Reset it',
    ignore: "If it wasn't you, ignore this email: nothing has changed on your account.",
  },
  fr: {
    subject: 'Vous avez déjà un compte Groundwork',
    preview: "Quelqu'un a tenté de s'inscrire avec votre adresse. Connectez-vous plutôt.",
    heading: 'Vous avez déjà un compte',
    body: "Quelqu'un, sans doute vous, a tenté de s'inscrire avec {email}, mais cette adresse a déjà un compte Groundwork.",
    button: 'Se connecter',
    forgot: 'Mot de passe oublié ?',
    forgotLink: 'Réinitialisez-le',
    ignore: "Si ce n'était pas vous, ignorez cet e-mail : rien n'a changé sur votre compte.",
  },
  ar: {
    subject: 'لديك حساب في Groundwork بالفعل',
    preview: 'حاول أحدهم التسجيل بعنوانك. سجّل الدخول بدلًا من ذلك.',
    heading: 'لديك حساب بالفعل',
    body: 'حاول أحدهم، ولعله أنت، التسجيل باستخدام {email}، لكن لهذا العنوان حساب في Groundwork بالفعل.',
    button: 'تسجيل الدخول',
    forgot: 'نسيت كلمة المرور؟',
    forgotLink: 'أعد تعيينها',
    ignore: 'إذا لم يكن ذلك أنت، فتجاهل هذه الرسالة: لم يتغير شيء في حسابك.',
  },
} satisfies LocalizedStrings<AccountExistsStrings>;
