import type { MessengerLocale } from '@frontdesk/api-types';

/**
 * The Messenger's own words for the Home space, in each locale it offers (kept in step with
 * apps/messenger/src/frame/i18n.ts, which the Inbox does not import: it ships in the widget bundle).
 */
interface HomeStrings {
  open: string;
  close: string;
  home: string;
  messages: string;
  help: string;
  hello: string;
  replyOpen: string;
  reply_minutes: string;
  reply_hours: string;
  reply_day: string;
  sendUs: string;
}

export const previewStrings: Record<MessengerLocale, HomeStrings> = {
  en: {
    open: 'Open the Messenger',
    close: 'Close the Messenger',
    home: 'Home',
    messages: 'Messages',
    help: 'Help',
    hello: 'Hi there 👋',
    replyOpen: 'We typically reply in a few minutes',
    reply_minutes: 'We typically reply in a few minutes',
    reply_hours: 'We typically reply in a few hours',
    reply_day: 'We typically reply in a day',
    sendUs: 'Send us a message',
  },
  fr: {
    open: 'Ouvrir la messagerie',
    close: 'Fermer la messagerie',
    home: 'Accueil',
    messages: 'Messages',
    help: 'Aide',
    hello: 'Bonjour 👋',
    replyOpen: 'Nous répondons généralement en quelques minutes',
    reply_minutes: 'Nous répondons généralement en quelques minutes',
    reply_hours: 'Nous répondons généralement en quelques heures',
    reply_day: 'Nous répondons généralement en un jour',
    sendUs: 'Envoyez-nous un message',
  },
  de: {
    open: 'Messenger öffnen',
    close: 'Messenger schließen',
    home: 'Start',
    messages: 'Nachrichten',
    help: 'Hilfe',
    hello: 'Hallo 👋',
    replyOpen: 'Wir antworten meist innerhalb weniger Minuten',
    reply_minutes: 'Wir antworten meist innerhalb weniger Minuten',
    reply_hours: 'Wir antworten meist innerhalb weniger Stunden',
    reply_day: 'Wir antworten meist innerhalb eines Tages',
    sendUs: 'Schreiben Sie uns',
  },
  es: {
    open: 'Abrir la mensajería',
    close: 'Cerrar la mensajería',
    home: 'Inicio',
    messages: 'Mensajes',
    help: 'Ayuda',
    hello: 'Hola 👋',
    replyOpen: 'Solemos responder en unos minutos',
    reply_minutes: 'Solemos responder en unos minutos',
    reply_hours: 'Solemos responder en unas horas',
    reply_day: 'Solemos responder en un día',
    sendUs: 'Envíanos un mensaje',
  },
};
