// Dutch, in the informal je that Discord's own Dutch uses.
import type { Catalog } from '../catalog.js';

export const nl: Catalog = {
  'home.title': '{platform}: gekoppelde rollen',
  'home.text': 'Met deze dienst kan Discord je rollen geven als je de tag van een server draagt.',
  'home.link': 'Mijn Discord-account koppelen',

  'result.worn.title': 'Je draagt [{tag}]',
  'result.worn.text': 'Rollen waarvoor de tag nodig is, zijn nu van jou. {tag} staat naast je naam.',
  'result.notWorn.title': 'Je draagt de tag van onze server niet',
  'result.comeBack': 'Zet hem aan in Discord (je profiel → Servertag) en kom daarna terug naar deze pagina.',
  'result.noTag.text': 'Discord toont geen servertag op je profiel.',
  'result.switchedOff.text': 'Je servertag {tag} staat uit.',
  'result.switchedOffUnknown.text': 'Je servertag staat uit.',
  'result.cleared.text':
    'Discord toont je servertag niet meer (misschien heeft de server hem gewijzigd). Neem hem opnieuw over.',
  'result.otherGuild.text': 'Je draagt {tag}, en die hoort bij een andere server.',
  'result.otherGuildUnknown.text': 'Je draagt de tag van een andere server.',
  'result.account': 'Discord-account',
  'result.tagSeen': 'Geziene tag',
  'result.noneSeen': 'geen',
  'result.yes': 'ja',
  'result.no': 'nee',
  'result.since': 'Gedragen sinds',
  'result.days': { one: '{count} dag', other: '{count} dagen' },
  'result.note':
    'Je gekoppelde rollen volgen je tag: Discord werkt ze bij zodra we een verandering zien. Je kunt deze pagina sluiten.',
  'result.checkAgain': 'Opnieuw controleren',
  'result.disconnect': 'Ontkoppelen en mijn gegevens wissen',

  'disconnected.title': 'Ontkoppeld',
  'disconnected.text':
    'We hebben je gegevens voor gekoppelde rollen bij Discord verwijderd, onze toegang tot je account ingetrokken en alles gewist wat we over je hadden opgeslagen.',
  'disconnected.note': 'Rollen die via deze koppeling de tag vereisten, worden door Discord verwijderd.',
  'disconnected.again': 'Opnieuw koppelen',

  'cancelled.title': 'Er is niets gekoppeld',
  'cancelled.text': 'Je hebt op Discord geannuleerd, dus we hebben niets gelezen of gewijzigd.',
  'cancelled.note':
    'Wil je je tag later koppelen? Open in Discord Serverinstellingen → Gekoppelde rollen, of begin hier opnieuw.',
  'cancelled.again': 'Opnieuw proberen',

  'error.startAgain': 'Opnieuw beginnen',
  'error.retry': 'Er is niets gewijzigd. Probeer het zo nog eens.',
  'error.notFound.title': 'Pagina niet gevonden',
  'error.notFound.text': 'Op dit adres staat niets.',
  'error.misconfigured.title': 'Deze dienst is verkeerd ingesteld',
  'error.misconfigured.text':
    'Discord heeft de instellingen van deze dienst geweigerd, dus er is niets gewijzigd. De admins zijn ingelicht; probeer het later nog eens.',
  'error.invalidGrant.title': 'Deze aanmelding is verlopen',
  'error.invalidGrant.text':
    'Discord heeft de aanmelding niet geaccepteerd: die is verlopen of al gebruikt. Begin opnieuw.',
  'error.unauthorized.title': 'Discord heeft de toegang geweigerd',
  'error.unauthorized.text':
    'Discord heeft de toegang die je net gaf weer ingetrokken. Begin opnieuw en druk op Autoriseren.',
  'error.rateLimited.title': 'Discord heeft het druk',
  'error.rateLimited.text': {
    one: 'Discord vroeg ons om het rustiger aan te doen. Probeer het over {count} seconde opnieuw.',
    other: 'Discord vroeg ons om het rustiger aan te doen. Probeer het over {count} seconden opnieuw.',
  },
  'error.discordTimeout.title': 'Discord antwoordde niet op tijd',
  'error.discordUnavailable.title': 'Discord antwoordt niet goed',
  'error.discordRefused.title': 'Discord heeft ons verzoek geweigerd',
  'error.invalidLink.title': 'Deze link is niet geldig',
  'error.invalidLink.text': 'Het adres klopte niet. Begin opnieuw vanuit Discord.',
  'error.tooMany.title': 'Te veel pogingen',
  'error.tooMany.text': 'Wacht een minuut en begin dan opnieuw vanuit Discord.',
  'error.badRequest.title': 'Dit verzoek kon niet worden verwerkt',
  'error.badRequest.text': 'Begin opnieuw vanuit Discord.',
  'error.internal.title': 'Er ging iets mis aan onze kant',
  'error.badState.title': 'Deze aanmelding kan niet worden afgerond',
  'error.badState.noSignIn': 'Deze browser heeft geen aanmelding lopen (of die is al gebruikt). Begin opnieuw.',
  'error.badState.noState': 'Discord stuurde je terug zonder de aanmeldstatus. Begin opnieuw.',
  'error.badState.mismatch': 'De aanmeldstatus past niet bij deze browser. Begin opnieuw.',
  'error.badState.future':
    'Deze aanmelding is gedateerd in de toekomst en kan dus niet worden gecontroleerd. Begin opnieuw.',
  'error.badState.expired': {
    one: 'Deze aanmelding duurde langer dan {count} minuut en is verlopen. Begin opnieuw.',
    other: 'Deze aanmelding duurde langer dan {count} minuten en is verlopen. Begin opnieuw.',
  },
  'error.badState.notDiscord': 'Het antwoord kwam niet van Discord. Begin opnieuw.',
  'error.badState.used': 'Deze aanmelding is al gebruikt. Begin opnieuw.',
  'error.badState.noCode': 'Discord stuurde je terug zonder aanmeldcode. Begin opnieuw.',
  'error.discordError.title': 'Discord kon je niet aanmelden',
  'error.discordError.text': 'Discord meldde ‘{error}’. Begin opnieuw.',
  'error.missingScope.title': 'Toestemming ontbreekt',
  'error.missingScope.text': 'Discord heeft {scopes} niet toegestaan. Begin opnieuw en sta het toe.',
  'error.busy.title': 'Je rollen worden nu bijgewerkt',
  'error.busy.text': 'Probeer het over een paar seconden nog eens.',
  'error.unconfirmed.title': 'We konden de update niet bevestigen',
  'error.unconfirmed.text':
    'Discord heeft niet bevestigd dat je rollen zijn opgeslagen. We sturen ze binnenkort zelf opnieuw; je kunt je ook opnieuw laten verifiëren.',
  'error.csrf.title': 'Dit ontkoppelverzoek is geweigerd',
  'error.csrf.text':
    'Het kwam niet van je resultaatpagina, of die pagina is ouder dan een uur. Laat je opnieuw verifiëren en gebruik dan Ontkoppelen.',

  'metadata.tag_worn.name': 'Draagt de servertag',
  'metadata.tag_worn.description': 'Het lid toont de tag van deze server naast zijn of haar naam',
  'metadata.tag_streak_days.name': 'Dagen op rij met de tag',
  'metadata.tag_streak_days.description':
    'Hele dagen sinds het lid de servertag voor het laatst opzette zonder hem af te zetten',
  'metadata.tag_total_days.name': 'Dagen met de tag in totaal',
  'metadata.tag_total_days.description': 'Hele dagen dat het lid de servertag heeft gedragen, alle keren bij elkaar',
};
