/**
 * The web strings of a generated feature in every locale of the product (apps/web/messages).
 *
 * The sentences are translated here once; the one word that changes, the feature's noun, comes
 * from a small lexicon of common resource names (French with its gender, Arabic singular and
 * plural). A noun the lexicon does not know is used as typed, inside translated sentences, and
 * the generator lists it among the next steps so someone translates it.
 */

/** noun → { fr: [singular, plural, gender], ar: [singular, plural, plural with the article] } */
const LEXICON = {
  widget: { fr: ['widget', 'widgets', 'm'], ar: ['أداة', 'أدوات', 'الأدوات'] },
  project: { fr: ['projet', 'projets', 'm'], ar: ['مشروع', 'مشاريع', 'المشاريع'] },
  task: { fr: ['tâche', 'tâches', 'f'], ar: ['مهمة', 'مهام', 'المهام'] },
  document: { fr: ['document', 'documents', 'm'], ar: ['مستند', 'مستندات', 'المستندات'] },
  note: { fr: ['note', 'notes', 'f'], ar: ['ملاحظة', 'ملاحظات', 'الملاحظات'] },
  customer: { fr: ['client', 'clients', 'm'], ar: ['عميل', 'عملاء', 'العملاء'] },
  client: { fr: ['client', 'clients', 'm'], ar: ['عميل', 'عملاء', 'العملاء'] },
  contact: { fr: ['contact', 'contacts', 'm'], ar: ['جهة اتصال', 'جهات اتصال', 'جهات الاتصال'] },
  invoice: { fr: ['facture', 'factures', 'f'], ar: ['فاتورة', 'فواتير', 'الفواتير'] },
  product: { fr: ['produit', 'produits', 'm'], ar: ['منتج', 'منتجات', 'المنتجات'] },
  order: { fr: ['commande', 'commandes', 'f'], ar: ['طلب', 'طلبات', 'الطلبات'] },
  ticket: { fr: ['ticket', 'tickets', 'm'], ar: ['تذكرة', 'تذاكر', 'التذاكر'] },
  team: { fr: ['équipe', 'équipes', 'f'], ar: ['فريق', 'فرق', 'الفرق'] },
  report: { fr: ['rapport', 'rapports', 'm'], ar: ['تقرير', 'تقارير', 'التقارير'] },
  comment: { fr: ['commentaire', 'commentaires', 'm'], ar: ['تعليق', 'تعليقات', 'التعليقات'] },
  tag: { fr: ['étiquette', 'étiquettes', 'f'], ar: ['وسم', 'وسوم', 'الوسوم'] },
  label: { fr: ['libellé', 'libellés', 'm'], ar: ['تسمية', 'تسميات', 'التسميات'] },
  category: { fr: ['catégorie', 'catégories', 'f'], ar: ['فئة', 'فئات', 'الفئات'] },
  event: { fr: ['événement', 'événements', 'm'], ar: ['حدث', 'أحداث', 'الأحداث'] },
  meeting: { fr: ['réunion', 'réunions', 'f'], ar: ['اجتماع', 'اجتماعات', 'الاجتماعات'] },
  board: { fr: ['tableau', 'tableaux', 'm'], ar: ['لوحة', 'لوحات', 'اللوحات'] },
  space: { fr: ['espace', 'espaces', 'm'], ar: ['مساحة', 'مساحات', 'المساحات'] },
  workspace: {
    fr: ['espace de travail', 'espaces de travail', 'm'],
    ar: ['مساحة عمل', 'مساحات عمل', 'مساحات العمل'],
  },
  channel: { fr: ['canal', 'canaux', 'm'], ar: ['قناة', 'قنوات', 'القنوات'] },
  folder: { fr: ['dossier', 'dossiers', 'm'], ar: ['مجلد', 'مجلدات', 'المجلدات'] },
  asset: { fr: ['ressource', 'ressources', 'f'], ar: ['أصل', 'أصول', 'الأصول'] },
  campaign: { fr: ['campagne', 'campagnes', 'f'], ar: ['حملة', 'حملات', 'الحملات'] },
  deal: { fr: ['affaire', 'affaires', 'f'], ar: ['صفقة', 'صفقات', 'الصفقات'] },
  lead: { fr: ['prospect', 'prospects', 'm'], ar: ['عميل محتمل', 'عملاء محتملون', 'العملاء المحتملون'] },
  location: { fr: ['site', 'sites', 'm'], ar: ['موقع', 'مواقع', 'المواقع'] },
  environment: { fr: ['environnement', 'environnements', 'm'], ar: ['بيئة', 'بيئات', 'البيئات'] },
  integration: { fr: ['intégration', 'intégrations', 'f'], ar: ['تكامل', 'تكاملات', 'التكاملات'] },
  template: { fr: ['modèle', 'modèles', 'm'], ar: ['قالب', 'قوالب', 'القوالب'] },
  form: { fr: ['formulaire', 'formulaires', 'm'], ar: ['نموذج', 'نماذج', 'النماذج'] },
  survey: { fr: ['sondage', 'sondages', 'm'], ar: ['استطلاع', 'استطلاعات', 'الاستطلاعات'] },
  course: { fr: ['cours', 'cours', 'm'], ar: ['دورة', 'دورات', 'الدورات'] },
  booking: { fr: ['réservation', 'réservations', 'f'], ar: ['حجز', 'حجوزات', 'الحجوزات'] },
  'line-item': { fr: ['ligne', 'lignes', 'f'], ar: ['بند', 'بنود', 'البنود'] },
};

const capitalize = (text) => text.charAt(0).toLocaleUpperCase() + text.slice(1);
/** French elision before a vowel or a mute h: « l’équipe », « de l’événement ». */
const elides = (word) => /^[aeiouyàâäéèêëîïôöûüh]/i.test(word);

/** The noun of `n` in each locale, and whether the lexicon knew it. */
export function nounsOf(n) {
  const known = LEXICON[n.name];
  return {
    known: known !== undefined,
    en: { one: n.lower, other: n.lowerPlural },
    fr: known
      ? { one: known.fr[0], other: known.fr[1], gender: known.fr[2] }
      : // English loanwords are masculine in French (un widget, un ticket).
        { one: n.lower, other: n.lowerPlural, gender: 'm' },
    ar: known
      ? { one: known.ar[0], other: known.ar[1], the: known.ar[2] }
      : { one: n.lower, other: n.lowerPlural, the: n.lowerPlural },
  };
}

/** ICU arguments must be the same in every locale (apps/web/src/i18n/messages.test.ts checks). */
function english({ one, other }) {
  return {
    title: capitalize(other),
    lead: `The ${other} of {org}. Everyone in the organization can see them.`,
    readOnly: `Only owners and admins can add, change or delete ${other}.`,
    unavailable: `The ${other} could not be loaded. Try again in a moment.`,
    createTitle: `New ${one}`,
    createLead: `Give it a name; you can change it later.`,
    listTitle: capitalize(other),
    empty: `No ${other} yet.`,
    noMatch: `No ${other} match “{query}”.`,
    searchLabel: `Search ${other}`,
    search: 'Search',
    loadMore: 'Load more',
    nameLabel: 'Name',
    create: `Add ${one}`,
    creating: 'Adding…',
    created: '{name} added',
    edit: 'Rename',
    editLabel: 'Rename {name}',
    save: 'Save',
    saving: 'Saving…',
    saved: '{name} saved',
    cancel: 'Cancel',
    delete: 'Delete',
    deleteLabel: 'Delete {name}',
    confirmDeleteTitle: 'Delete {name}?',
    confirmDeleteBody: `The ${one} is removed for everyone in the organization. This cannot be undone.`,
    deleted: '{name} deleted',
    updated: 'Updated {date}',
  };
}

function french({ one, other, gender }) {
  const f = gender === 'f';
  const the = elides(one) ? `l’${one}` : `${f ? 'la' : 'le'} ${one}`;
  const a = `${f ? 'une' : 'un'} ${one}`;
  /** Past participles agree with the noun: « Tableau Q3 a été ajouté », « Tâche 1 a été ajoutée ». */
  const e = f ? 'e' : '';
  return {
    title: capitalize(other),
    lead: `Les ${other} de {org}. Tous les membres de l’organisation peuvent les voir.`,
    readOnly: `Seuls les propriétaires et les administrateurs peuvent ajouter, modifier ou supprimer des ${other}.`,
    unavailable: `Impossible de charger les ${other}. Réessayez dans un instant.`,
    createTitle: `${f ? 'Nouvelle' : elides(one) ? 'Nouvel' : 'Nouveau'} ${one}`,
    createLead: 'Donnez-lui un nom ; vous pourrez le changer plus tard.',
    listTitle: capitalize(other),
    empty: `Aucun${f ? 'e' : ''} ${one} pour l’instant.`,
    noMatch: 'Aucun résultat pour « {query} ».',
    searchLabel: `Rechercher des ${other}`,
    search: 'Rechercher',
    loadMore: 'Afficher plus',
    nameLabel: 'Nom',
    create: `Ajouter ${a}`,
    creating: 'Ajout…',
    created: `{name} a été ajouté${e}`,
    edit: 'Renommer',
    editLabel: 'Renommer {name}',
    save: 'Enregistrer',
    saving: 'Enregistrement…',
    saved: `{name} a été enregistré${e}`,
    cancel: 'Annuler',
    delete: 'Supprimer',
    deleteLabel: 'Supprimer {name}',
    confirmDeleteTitle: 'Supprimer {name} ?',
    confirmDeleteBody: `${capitalize(the)} sera supprimé${e} pour tous les membres de l’organisation. Cette action est irréversible.`,
    deleted: `{name} a été supprimé${e}`,
    updated: 'Modifié le {date}',
  };
}

function arabic({ one, other, the }) {
  return {
    title: the,
    lead: `${the} الخاصة بـ {org}. يمكن لجميع أعضاء المؤسسة رؤيتها.`,
    readOnly: `يمكن للمالكين والمسؤولين فقط إضافة ${the} أو تعديلها أو حذفها.`,
    unavailable: `تعذّر تحميل ${the}. حاول مرة أخرى بعد قليل.`,
    createTitle: `إضافة ${one}`,
    createLead: 'اختر اسمًا، ويمكنك تغييره لاحقًا.',
    listTitle: the,
    empty: `لا توجد ${other} بعد.`,
    noMatch: 'لا توجد نتائج مطابقة لـ «{query}».',
    searchLabel: `البحث في ${the}`,
    search: 'بحث',
    loadMore: 'عرض المزيد',
    nameLabel: 'الاسم',
    create: `إضافة ${one}`,
    creating: 'جارٍ الإضافة…',
    created: 'تمت إضافة {name}',
    edit: 'إعادة التسمية',
    editLabel: 'إعادة تسمية {name}',
    save: 'حفظ',
    saving: 'جارٍ الحفظ…',
    saved: 'تم حفظ {name}',
    cancel: 'إلغاء',
    delete: 'حذف',
    deleteLabel: 'حذف {name}',
    confirmDeleteTitle: 'حذف {name}؟',
    confirmDeleteBody: 'ينطبق الحذف على جميع أعضاء المؤسسة، ولا يمكن التراجع عنه.',
    deleted: 'تم حذف {name}',
    updated: 'آخر تعديل {date}',
  };
}

/** What editMessages adds to one locale's file. */
export function featureMessages(n, locale) {
  const nouns = nounsOf(n);
  const namespace = { en: english, fr: french, ar: arabic }[locale](nouns[locale]);
  const scopeHint = {
    en: `The organization’s ${nouns.en.other}`,
    fr: `Les ${nouns.fr.other} de l’organisation`,
    ar: `${nouns.ar.the} الخاصة بالمؤسسة`,
  }[locale];
  return { namespace, nav: namespace.title, scope: namespace.title, scopeHint };
}

export const LOCALES = ['en', 'fr', 'ar'];
