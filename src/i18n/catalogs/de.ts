// German, in the informal du that Discord's own German uses.
import type { Catalog } from '../catalog.js';

export const de: Catalog = {
  'home.title': '{platform}: verknüpfte Rollen',
  'home.text': 'Mit diesem Dienst kann Discord dir Rollen geben, wenn du das Server-Tag eines Servers trägst.',
  'home.link': 'Mein Discord-Konto verknüpfen',

  'result.worn.title': 'Du trägst [{tag}]',
  'result.worn.text': 'Rollen, die das Tag voraussetzen, gehören jetzt dir. {tag} steht neben deinem Namen.',
  'result.notWorn.title': 'Du trägst nicht das Tag unseres Servers',
  'result.comeBack': 'Schalte es in Discord ein (dein Profil → Server-Tag) und komm dann auf diese Seite zurück.',
  'result.noTag.text': 'Discord zeigt kein Server-Tag in deinem Profil.',
  'result.switchedOff.text': 'Dein Server-Tag {tag} ist ausgeschaltet.',
  'result.switchedOffUnknown.text': 'Dein Server-Tag ist ausgeschaltet.',
  'result.cleared.text':
    'Discord zeigt dein Server-Tag nicht mehr an (vielleicht hat der Server es geändert). Übernimm es erneut.',
  'result.otherGuild.text': 'Du trägst {tag}, und das gehört zu einem anderen Server.',
  'result.otherGuildUnknown.text': 'Du trägst das Tag eines anderen Servers.',
  'result.account': 'Discord-Konto',
  'result.tagSeen': 'Gesehenes Tag',
  'result.noneSeen': 'keins',
  'result.yes': 'ja',
  'result.no': 'nein',
  'result.since': 'Getragen seit',
  'result.days': { one: '{count} Tag', other: '{count} Tage' },
  'result.note':
    'Deine verknüpften Rollen folgen deinem Tag: Discord passt sie an, sobald wir eine Änderung sehen. Du kannst diese Seite schließen.',
  'result.checkAgain': 'Erneut prüfen',
  'result.disconnect': 'Trennen und meine Daten löschen',

  'disconnected.title': 'Getrennt',
  'disconnected.text':
    'Wir haben deine Daten für verknüpfte Rollen bei Discord entfernt, unseren Zugriff auf dein Konto widerrufen und alles gelöscht, was wir über dich gespeichert hatten.',
  'disconnected.note': 'Rollen, die über diese Verknüpfung das Tag voraussetzten, entfernt Discord.',
  'disconnected.again': 'Erneut verknüpfen',

  'cancelled.title': 'Nichts wurde verknüpft',
  'cancelled.text': 'Du hast bei Discord abgebrochen, also haben wir nichts gelesen oder geändert.',
  'cancelled.note':
    'Um dein Tag später zu verknüpfen, öffne in Discord Servereinstellungen → Verknüpfte Rollen oder starte hier neu.',
  'cancelled.again': 'Nochmal versuchen',

  'error.startAgain': 'Neu starten',
  'error.retry': 'Es wurde nichts geändert. Bitte versuch es gleich noch einmal.',
  'error.notFound.title': 'Seite nicht gefunden',
  'error.notFound.text': 'Unter dieser Adresse gibt es nichts.',
  'error.misconfigured.title': 'Dieser Dienst ist falsch eingerichtet',
  'error.misconfigured.text':
    'Discord hat die Einstellungen dieses Dienstes abgelehnt, daher wurde nichts geändert. Die Admins wissen Bescheid; bitte versuch es später noch einmal.',
  'error.invalidGrant.title': 'Diese Anmeldung ist abgelaufen',
  'error.invalidGrant.text':
    'Discord hat die Anmeldung nicht angenommen: Sie ist abgelaufen oder wurde schon benutzt. Bitte starte neu.',
  'error.unauthorized.title': 'Discord hat den Zugriff verweigert',
  'error.unauthorized.text':
    'Discord hat den Zugriff, den du gerade erteilt hast, wieder entzogen. Bitte starte neu und tippe auf „Autorisieren“.',
  'error.rateLimited.title': 'Discord ist ausgelastet',
  'error.rateLimited.text': {
    one: 'Discord hat uns gebeten, langsamer zu machen. Bitte versuch es in {count} Sekunde noch einmal.',
    other: 'Discord hat uns gebeten, langsamer zu machen. Bitte versuch es in {count} Sekunden noch einmal.',
  },
  'error.discordTimeout.title': 'Discord hat nicht rechtzeitig geantwortet',
  'error.discordUnavailable.title': 'Discord antwortet nicht richtig',
  'error.discordRefused.title': 'Discord hat unsere Anfrage abgelehnt',
  'error.invalidLink.title': 'Dieser Link ist ungültig',
  'error.invalidLink.text': 'Die Adresse war fehlerhaft. Bitte starte neu in Discord.',
  'error.tooMany.title': 'Zu viele Versuche',
  'error.tooMany.text': 'Bitte warte eine Minute und starte dann neu in Discord.',
  'error.badRequest.title': 'Diese Anfrage konnte nicht bearbeitet werden',
  'error.badRequest.text': 'Bitte starte neu in Discord.',
  'error.internal.title': 'Bei uns ist etwas schiefgelaufen',
  'error.badState.title': 'Diese Anmeldung kann nicht abgeschlossen werden',
  'error.badState.noSignIn':
    'In diesem Browser läuft keine Anmeldung (oder sie wurde schon benutzt). Bitte starte neu.',
  'error.badState.noState': 'Discord hat dich ohne den Anmeldestatus zurückgeschickt. Bitte starte neu.',
  'error.badState.mismatch': 'Der Anmeldestatus passt nicht zu diesem Browser. Bitte starte neu.',
  'error.badState.future':
    'Diese Anmeldung ist in die Zukunft datiert und kann nicht geprüft werden. Bitte starte neu.',
  'error.badState.expired': {
    one: 'Diese Anmeldung hat länger als {count} Minute gedauert und ist abgelaufen. Bitte starte neu.',
    other: 'Diese Anmeldung hat länger als {count} Minuten gedauert und ist abgelaufen. Bitte starte neu.',
  },
  'error.badState.notDiscord': 'Die Antwort kam nicht von Discord. Bitte starte neu.',
  'error.badState.used': 'Diese Anmeldung wurde schon benutzt. Bitte starte neu.',
  'error.badState.noCode': 'Discord hat dich ohne Anmeldecode zurückgeschickt. Bitte starte neu.',
  'error.discordError.title': 'Discord konnte dich nicht anmelden',
  'error.discordError.text': 'Discord meldete „{error}“. Bitte starte neu.',
  'error.missingScope.title': 'Berechtigung fehlt',
  'error.missingScope.text': 'Discord hat {scopes} nicht erteilt. Bitte starte neu und erlaube es.',
  'error.busy.title': 'Deine Rollen werden gerade aktualisiert',
  'error.busy.text': 'Bitte versuch es in ein paar Sekunden noch einmal.',
  'error.unconfirmed.title': 'Wir konnten die Aktualisierung nicht bestätigen',
  'error.unconfirmed.text':
    'Discord hat nicht bestätigt, dass deine Rollen gespeichert sind. Wir senden sie in Kürze von selbst noch einmal; du kannst dich auch erneut verifizieren.',
  'error.csrf.title': 'Diese Trennungsanfrage wurde abgelehnt',
  'error.csrf.text':
    'Sie kam nicht von deiner Ergebnisseite, oder die Seite ist älter als eine Stunde. Verifiziere dich erneut und nutze dann „Trennen“.',

  'metadata.tag_worn.name': 'Trägt das Server-Tag',
  'metadata.tag_worn.description': 'Das Mitglied zeigt das Tag dieses Servers neben seinem Namen',
  'metadata.tag_streak_days.name': 'Tage am Stück mit dem Tag',
  'metadata.tag_streak_days.description':
    'Volle Tage, seit das Mitglied das Server-Tag zuletzt angelegt und nicht wieder abgelegt hat',
  'metadata.tag_total_days.name': 'Tage mit dem Tag insgesamt',
  'metadata.tag_total_days.description': 'Volle Tage, die das Mitglied das Server-Tag insgesamt getragen hat',
};
