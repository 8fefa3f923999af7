import type { Locale } from '../../../core/i18n/locales';
import type { RequestNotificationKind } from '../../../core/notifications/schemas';
import type { Priority } from '../../../core/requests/request-type';

/**
 * What an e-mail about a request may say: only what every recipient may see,
 * whatever their clearance. E-mail leaves the access rule behind (it is
 * forwarded, kept in mailboxes, read on phones), so it names the request and
 * links to it; the request itself — its fields, summary, comments,
 * conditions, marking — is read in Concord, through the rule.
 */
export interface EmailFacts {
  kind: RequestNotificationKind;
  /** REQ-000123 */
  reference: string;
  /** The request type's name in the recipient's language. */
  typeName: string;
  /** The district's name in the recipient's language. */
  districtName: string;
  priority: Priority;
  /** Absolute when CONCORD_PUBLIC_URL is set, a path otherwise. */
  link: string;
}

export interface EmailContent {
  subject: string;
  text: string;
}

interface Wording {
  kinds: Record<RequestNotificationKind, string>;
  priorities: Record<Priority, string>;
  criticalTag: string;
  labels: { request: string; type: string; district: string; priority: string };
  open: string;
  footer: string;
}

const WORDING: Record<Locale, Wording> = {
  en: {
    kinds: {
      'request.submitted': 'New request for your desk',
      'request.escalated': 'Escalated to you: not acknowledged',
      'request.realerted': 'Still not acknowledged',
      'request.breached': 'Deadline missed',
      'request.transitioned': 'Request updated',
      'request.answer-drafted': 'An answer awaits your approval',
      'request.answer-returned': 'Your answer was returned',
    },
    priorities: { critical: 'Critical', urgent: 'Urgent', routine: 'Routine' },
    criticalTag: '[CRITICAL]',
    labels: { request: 'Request', type: 'Type', district: 'District', priority: 'Priority' },
    open: 'Open it in Concord:',
    footer:
      'This message says only what every recipient may see. Read the request itself in Concord; do not reply to this message.',
  },
  ar: {
    kinds: {
      'request.submitted': 'طلب جديد لمكتبك',
      'request.escalated': 'صُعِّد إليك: لم يُقَرّ باستلامه',
      'request.realerted': 'لم يُقَرّ باستلامه بعد',
      'request.breached': 'فات موعد نهائي',
      'request.transitioned': 'تحديث على الطلب',
      'request.answer-drafted': 'ردّ بانتظار موافقتك',
      'request.answer-returned': 'أُعيد إليك ردّك',
    },
    priorities: { critical: 'حرج', urgent: 'عاجل', routine: 'اعتيادي' },
    criticalTag: '[حرج]',
    labels: { request: 'الطلب', type: 'النوع', district: 'المحافظة', priority: 'الأولوية' },
    open: 'افتحه في Concord:',
    footer:
      'لا تتضمن هذه الرسالة إلا ما يجوز لجميع مستلميها الاطلاع عليه. اقرأ الطلب نفسه في Concord، ولا ترد على هذه الرسالة.',
  },
  he: {
    kinds: {
      'request.submitted': 'בקשה חדשה לחמ״ל שלכם',
      'request.escalated': 'הוסלם אליכם: לא אושרה קבלה',
      'request.realerted': 'עדיין לא אושרה קבלה',
      'request.breached': 'הוחמץ מועד',
      'request.transitioned': 'עדכון בבקשה',
      'request.answer-drafted': 'תשובה ממתינה לאישורכם',
      'request.answer-returned': 'התשובה שניסחתם הוחזרה',
    },
    priorities: { critical: 'קריטית', urgent: 'דחופה', routine: 'שגרתית' },
    criticalTag: '[קריטית]',
    labels: { request: 'בקשה', type: 'סוג', district: 'מחוז', priority: 'עדיפות' },
    open: 'לפתיחה ב־Concord:',
    footer:
      'הודעה זו כוללת רק את מה שכל נמעניה רשאים לראות. את הבקשה עצמה קראו ב־Concord, ואל תשיבו להודעה זו.',
  },
};

export function composeEmail(language: Locale, facts: EmailFacts): EmailContent {
  const words = WORDING[language];
  const tag = facts.priority === 'critical' ? `${words.criticalTag} ` : '';
  const subject = `${tag}${words.kinds[facts.kind]}: ${facts.reference} · ${facts.typeName} · ${facts.districtName}`;
  const text = [
    words.kinds[facts.kind],
    '',
    `${words.labels.request}: ${facts.reference}`,
    `${words.labels.type}: ${facts.typeName}`,
    `${words.labels.district}: ${facts.districtName}`,
    `${words.labels.priority}: ${words.priorities[facts.priority]}`,
    '',
    words.open,
    facts.link,
    '',
    '--',
    words.footer,
    '',
  ].join('\n');
  return { subject, text };
}

/** Notifications about a channel message or a report: e-mailed as a nudge only. */
export type AlertKind =
  | 'message.realerted'
  | 'report.submitted'
  | 'report.approved'
  | 'report.returned'
  | 'consent.requested'
  | 'consent.approved'
  | 'consent.refused'
  | 'meeting.scheduled'
  | 'meeting.moved'
  | 'meeting.cancelled'
  | 'minutes.circulated'
  | 'minutes.change-requested'
  | 'minutes.signed'
  | 'commitment.due-soon'
  | 'commitment.overdue'
  | 'commitment.completed';

const ALERTS: Record<Locale, Record<AlertKind, string> & { footer: string }> = {
  en: {
    'message.realerted': 'An urgent message awaits your acknowledgement',
    'report.submitted': 'A report awaits your review',
    'report.approved': 'Your report was approved and published',
    'report.returned': 'Your report was returned to you',
    'consent.requested': 'A release of your party’s submission awaits your consent',
    'consent.approved': 'A release you asked for was approved and made',
    'consent.refused': 'A release you asked for was refused',
    'meeting.scheduled': 'A working group meeting was scheduled: your answer is awaited',
    'meeting.moved': 'A working group meeting you are invited to was moved',
    'meeting.cancelled': 'A working group meeting you are invited to was cancelled',
    'minutes.circulated': 'Minutes of a working group meeting await your signature',
    'minutes.change-requested': 'A chair asked for a change to minutes you write',
    'minutes.signed': 'The minutes of a working group meeting were signed by every party',
    'commitment.due-soon': 'A commitment you own is due soon',
    'commitment.overdue': 'A commitment you own is overdue',
    'commitment.completed': 'The other party completed a commitment: please confirm the delivery',
    footer:
      'This message says nothing of what it is about: the channel, the message and the report are read in Concord only. Do not reply to this message.',
  },
  ar: {
    'message.realerted': 'رسالة عاجلة بانتظار إقرارك باستلامها',
    'report.submitted': 'تقرير بانتظار مراجعتك',
    'report.approved': 'اعتُمد تقريرك ونُشر',
    'report.returned': 'أُعيد إليك تقريرك',
    'consent.requested': 'إفراج عن جزء من إحالة جهتك بانتظار موافقتك',
    'consent.approved': 'وُوفق على إفراج طلبته وتم',
    'consent.refused': 'رُفض إفراج طلبته',
    'meeting.scheduled': 'حُدِّد موعد اجتماع لمجموعة عمل: ردّك منتظَر',
    'meeting.moved': 'تغيّر موعد اجتماع لمجموعة عمل أنت مدعو إليه',
    'meeting.cancelled': 'أُلغي اجتماع لمجموعة عمل أنت مدعو إليه',
    'minutes.circulated': 'محضر اجتماع لمجموعة عمل بانتظار توقيعك',
    'minutes.change-requested': 'طلب أحد الرؤساء تعديلًا على محضر تكتبه',
    'minutes.signed': 'وقّعت كل الأطراف محضر اجتماع لمجموعة عمل',
    'commitment.due-soon': 'يقترب موعد التزام أنت مسؤول عنه',
    'commitment.overdue': 'تجاوز التزام أنت مسؤول عنه موعده',
    'commitment.completed': 'أنجز الطرف الآخر التزامًا: يُرجى تأكيد التسليم',
    footer:
      'لا تذكر هذه الرسالة شيئًا عن موضوعها: تُقرأ القناة والرسالة والتقرير في Concord وحده. لا ترد على هذه الرسالة.',
  },
  he: {
    'message.realerted': 'הודעה דחופה ממתינה לאישור הקבלה שלך',
    'report.submitted': 'דוח ממתין לבדיקתך',
    'report.approved': 'הדוח שלך אושר ופורסם',
    'report.returned': 'הדוח שלך הוחזר אליך',
    'consent.requested': 'שחרור מתוך הגשה של הגוף שלך ממתין להסכמתך',
    'consent.approved': 'שחרור שביקשת אושר ובוצע',
    'consent.refused': 'שחרור שביקשת נדחה',
    'meeting.scheduled': 'נקבעה ישיבה של צוות עבודה: תשובתך ממתינה',
    'meeting.moved': 'ישיבה של צוות עבודה שהוזמנת אליה הוזזה',
    'meeting.cancelled': 'ישיבה של צוות עבודה שהוזמנת אליה בוטלה',
    'minutes.circulated': 'פרוטוקול של ישיבת צוות עבודה ממתין לחתימתך',
    'minutes.change-requested': 'יושב ראש ביקש שינוי בפרוטוקול שאתה כותב',
    'minutes.signed': 'פרוטוקול של ישיבת צוות עבודה נחתם בידי כל הצדדים',
    'commitment.due-soon': 'מועד של התחייבות שבאחריותך מתקרב',
    'commitment.overdue': 'התחייבות שבאחריותך חרגה ממועדה',
    'commitment.completed': 'הצד השני השלים התחייבות: נא לאשר את הביצוע',
    footer:
      'הודעה זו אינה מפרטת דבר על נושאה: את הערוץ, ההודעה והדוח קוראים ב־Concord בלבד. אל תשיבו להודעה זו.',
  },
};

/**
 * An e-mail about a channel message or a report says that something waits,
 * and where: nothing of the channel (its name can be the secret), the
 * message or the report leaves by e-mail.
 */
export function composeAlertEmail(language: Locale, kind: AlertKind, link: string): EmailContent {
  const words = ALERTS[language];
  const text = [words[kind], '', WORDING[language].open, link, '', '--', words.footer, ''].join('\n');
  return { subject: words[kind], text };
}
