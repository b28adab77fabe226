// Italian, in the informal tu that Discord's own Italian uses.
import type { Catalog } from '../catalog.js';

export const it: Catalog = {
  'home.title': '{platform}: ruoli collegati',
  'home.text': 'Questo servizio permette a Discord di darti dei ruoli quando porti il tag di un server.',
  'home.link': 'Collega il mio account Discord',

  'result.worn.title': 'Porti [{tag}]',
  'result.worn.text': 'I ruoli che richiedono il tag ora sono tuoi. {tag} compare accanto al tuo nome.',
  'result.notWorn.title': 'Non porti il tag del nostro server',
  'result.comeBack': 'Attivalo su Discord (il tuo profilo → Tag del server), poi torna su questa pagina.',
  'result.noTag.text': 'Discord non mostra nessun tag del server sul tuo profilo.',
  'result.switchedOff.text': 'Il tuo tag del server {tag} è disattivato.',
  'result.switchedOffUnknown.text': 'Il tuo tag del server è disattivato.',
  'result.cleared.text':
    'Discord non mostra più il tuo tag del server (forse il server l’ha cambiato). Adottalo di nuovo.',
  'result.otherGuild.text': 'Porti {tag}, che appartiene a un altro server.',
  'result.otherGuildUnknown.text': 'Porti il tag di un altro server.',
  'result.account': 'Account Discord',
  'result.tagSeen': 'Tag visto',
  'result.noneSeen': 'nessuno',
  'result.yes': 'sì',
  'result.no': 'no',
  'result.since': 'Lo porti dal',
  'result.days': { one: '{count} giorno', many: '{count} di giorni', other: '{count} giorni' },
  'result.note':
    'I tuoi ruoli collegati seguono il tuo tag: Discord li aggiorna quando vediamo un cambiamento. Puoi chiudere questa pagina.',
  'result.checkAgain': 'Controlla di nuovo',
  'result.disconnect': 'Scollega ed elimina i miei dati',

  'disconnected.title': 'Scollegato',
  'disconnected.text':
    'Abbiamo rimosso da Discord i tuoi dati dei ruoli collegati, revocato il nostro accesso al tuo account ed eliminato tutto ciò che avevamo salvato su di te.',
  'disconnected.note': 'Discord rimuove i ruoli che richiedevano il tag tramite questo collegamento.',
  'disconnected.again': 'Collega di nuovo',

  'cancelled.title': 'Non è stato collegato nulla',
  'cancelled.text': 'Hai annullato su Discord, quindi non abbiamo letto né cambiato nulla.',
  'cancelled.note':
    'Per collegare il tuo tag più tardi, apri Impostazioni del server → Ruoli collegati su Discord, oppure ricomincia da qui.',
  'cancelled.again': 'Riprova',

  'error.startAgain': 'Ricomincia',
  'error.retry': 'Non è cambiato nulla. Riprova tra un momento.',
  'error.notFound.title': 'Pagina non trovata',
  'error.notFound.text': 'A questo indirizzo non c’è nulla.',
  'error.misconfigured.title': 'Questo servizio non è configurato correttamente',
  'error.misconfigured.text':
    'Discord ha rifiutato le impostazioni di questo servizio, quindi non è cambiato nulla. Gli admin sono stati avvisati; riprova più tardi.',
  'error.invalidGrant.title': 'Questo accesso è scaduto',
  'error.invalidGrant.text':
    'Discord non ha accettato l’accesso: è scaduto o è già stato usato. Ricomincia, per favore.',
  'error.unauthorized.title': 'Discord ha negato l’accesso',
  'error.unauthorized.text': 'Discord ha ritirato l’accesso che hai appena concesso. Ricomincia e premi Autorizza.',
  'error.rateLimited.title': 'Discord è sovraccarico',
  'error.rateLimited.text': {
    one: 'Discord ci ha chiesto di rallentare. Riprova tra {count} secondo.',
    many: 'Discord ci ha chiesto di rallentare. Riprova tra {count} di secondi.',
    other: 'Discord ci ha chiesto di rallentare. Riprova tra {count} secondi.',
  },
  'error.discordTimeout.title': 'Discord non ha risposto in tempo',
  'error.discordUnavailable.title': 'Discord non risponde come dovrebbe',
  'error.discordRefused.title': 'Discord ha rifiutato la nostra richiesta',
  'error.invalidLink.title': 'Questo link non è valido',
  'error.invalidLink.text': 'L’indirizzo non era corretto. Ricomincia da Discord.',
  'error.tooMany.title': 'Troppi tentativi',
  'error.tooMany.text': 'Aspetta un minuto, poi ricomincia da Discord.',
  'error.badRequest.title': 'Non è stato possibile gestire questa richiesta',
  'error.badRequest.text': 'Ricomincia da Discord.',
  'error.internal.title': 'Qualcosa è andato storto da parte nostra',
  'error.badState.title': 'Questo accesso non può essere completato',
  'error.badState.noSignIn':
    'In questo browser non c’è nessun accesso in corso (o è già stato usato). Ricomincia, per favore.',
  'error.badState.noState': 'Discord ti ha rimandato indietro senza lo stato dell’accesso. Ricomincia, per favore.',
  'error.badState.mismatch': 'Lo stato dell’accesso non corrisponde a questo browser. Ricomincia, per favore.',
  'error.badState.future':
    'Questo accesso ha una data futura, quindi non può essere verificato. Ricomincia, per favore.',
  'error.badState.expired': {
    one: 'Questo accesso ha richiesto più di {count} minuto ed è scaduto. Ricomincia, per favore.',
    many: 'Questo accesso ha richiesto più di {count} di minuti ed è scaduto. Ricomincia, per favore.',
    other: 'Questo accesso ha richiesto più di {count} minuti ed è scaduto. Ricomincia, per favore.',
  },
  'error.badState.notDiscord': 'La risposta non veniva da Discord. Ricomincia, per favore.',
  'error.badState.used': 'Questo accesso è già stato usato. Ricomincia, per favore.',
  'error.badState.noCode': 'Discord ti ha rimandato indietro senza un codice di accesso. Ricomincia, per favore.',
  'error.discordError.title': 'Discord non è riuscito a farti accedere',
  'error.discordError.text': 'Discord ha segnalato «{error}». Ricomincia, per favore.',
  'error.missingScope.title': 'Manca un’autorizzazione',
  'error.missingScope.text': 'Discord non ha concesso {scopes}. Ricomincia e consentilo.',
  'error.busy.title': 'I tuoi ruoli si stanno aggiornando proprio ora',
  'error.busy.text': 'Riprova tra qualche secondo.',
  'error.unconfirmed.title': 'Non siamo riusciti a confermare l’aggiornamento',
  'error.unconfirmed.text':
    'Discord non ha confermato di aver salvato i tuoi ruoli. Li rimanderemo a breve da soli; puoi anche verificarti di nuovo.',
  'error.csrf.title': 'Questa richiesta di scollegamento è stata rifiutata',
  'error.csrf.text':
    'Non veniva dalla tua pagina del risultato, oppure quella pagina ha più di un’ora. Verificati di nuovo, poi usa Scollega.',

  'metadata.tag_worn.name': 'Porta il tag del server',
  'metadata.tag_worn.description': 'Il membro mostra il tag di questo server accanto al proprio nome',
  'metadata.tag_streak_days.name': 'Giorni di fila con il tag',
  'metadata.tag_streak_days.description':
    'Giorni interi da quando il membro ha messo il tag del server l’ultima volta senza toglierlo',
  'metadata.tag_total_days.name': 'Giorni con il tag in totale',
  'metadata.tag_total_days.description':
    'Giorni interi in cui il membro ha portato il tag del server, contando ogni volta',
};
