// French, in the informal tu that Discord's own French uses.
import type { Catalog } from '../catalog.js';

export const fr: Catalog = {
  'home.title': '{platform} : rôles associés',
  'home.text': 'Ce service permet à Discord de te donner des rôles quand tu portes le tag d’un serveur.',
  'home.link': 'Associer mon compte Discord',

  'result.worn.title': 'Tu portes [{tag}]',
  'result.worn.text': 'Les rôles qui demandent le tag sont maintenant à toi. {tag} s’affiche à côté de ton nom.',
  'result.notWorn.title': 'Tu ne portes pas le tag de notre serveur',
  'result.comeBack': 'Active-le dans Discord (ton profil → Tag de serveur), puis reviens sur cette page.',
  'result.noTag.text': 'Discord n’affiche aucun tag de serveur sur ton profil.',
  'result.switchedOff.text': 'Ton tag de serveur {tag} est désactivé.',
  'result.switchedOffUnknown.text': 'Ton tag de serveur est désactivé.',
  'result.cleared.text':
    'Discord n’affiche plus ton tag de serveur (le serveur l’a peut-être changé). Adopte-le à nouveau.',
  'result.otherGuild.text': 'Tu portes {tag}, qui appartient à un autre serveur.',
  'result.otherGuildUnknown.text': 'Tu portes le tag d’un autre serveur.',
  'result.account': 'Compte Discord',
  'result.tagSeen': 'Tag vu',
  'result.noneSeen': 'aucun',
  'result.yes': 'oui',
  'result.no': 'non',
  'result.since': 'Porté depuis le',
  'result.days': { one: '{count} jour', many: '{count} de jours', other: '{count} jours' },
  'result.note':
    'Tes rôles associés suivent ton tag : Discord les met à jour quand nous voyons un changement. Tu peux fermer cette page.',
  'result.checkAgain': 'Vérifier à nouveau',
  'result.disconnect': 'Me déconnecter et supprimer mes données',

  'disconnected.title': 'Déconnecté',
  'disconnected.text':
    'Nous avons retiré tes données de rôles associés de Discord, révoqué notre accès à ton compte et supprimé tout ce que nous avions enregistré sur toi.',
  'disconnected.note': 'Discord retire les rôles qui demandaient le tag via cette association.',
  'disconnected.again': 'Associer à nouveau',

  'cancelled.title': 'Rien n’a été associé',
  'cancelled.text': 'Tu as annulé sur Discord, donc nous n’avons rien lu ni modifié.',
  'cancelled.note':
    'Pour associer ton tag plus tard, ouvre Paramètres du serveur → Rôles associés dans Discord, ou recommence ici.',
  'cancelled.again': 'Réessayer',

  'error.startAgain': 'Recommencer',
  'error.retry': 'Rien n’a été modifié. Réessaie dans un instant.',
  'error.notFound.title': 'Page introuvable',
  'error.notFound.text': 'Il n’y a rien à cette adresse.',
  'error.misconfigured.title': 'Ce service est mal configuré',
  'error.misconfigured.text':
    'Discord a refusé les réglages de ce service, donc rien n’a été modifié. Les admins sont prévenus ; réessaie plus tard.',
  'error.invalidGrant.title': 'Cette connexion a expiré',
  'error.invalidGrant.text':
    'Discord n’a pas accepté la connexion : elle a expiré ou a déjà été utilisée. Recommence, s’il te plaît.',
  'error.unauthorized.title': 'Discord a refusé l’accès',
  'error.unauthorized.text': 'Discord a retiré l’accès que tu venais d’accorder. Recommence et appuie sur Autoriser.',
  'error.rateLimited.title': 'Discord est surchargé',
  'error.rateLimited.text': {
    one: 'Discord nous a demandé de ralentir. Réessaie dans {count} seconde.',
    many: 'Discord nous a demandé de ralentir. Réessaie dans {count} de secondes.',
    other: 'Discord nous a demandé de ralentir. Réessaie dans {count} secondes.',
  },
  'error.discordTimeout.title': 'Discord n’a pas répondu à temps',
  'error.discordUnavailable.title': 'Discord ne répond pas correctement',
  'error.discordRefused.title': 'Discord a refusé notre demande',
  'error.invalidLink.title': 'Ce lien n’est pas valide',
  'error.invalidLink.text': 'L’adresse était incorrecte. Recommence depuis Discord.',
  'error.tooMany.title': 'Trop de tentatives',
  'error.tooMany.text': 'Attends une minute, puis recommence depuis Discord.',
  'error.badRequest.title': 'Cette demande n’a pas pu être traitée',
  'error.badRequest.text': 'Recommence depuis Discord.',
  'error.internal.title': 'Un problème est survenu de notre côté',
  'error.badState.title': 'Cette connexion ne peut pas aboutir',
  'error.badState.noSignIn':
    'Aucune connexion n’est en cours dans ce navigateur (ou elle a déjà été utilisée). Recommence, s’il te plaît.',
  'error.badState.noState': 'Discord t’a renvoyé sans l’état de connexion. Recommence, s’il te plaît.',
  'error.badState.mismatch': 'L’état de connexion ne correspond pas à ce navigateur. Recommence, s’il te plaît.',
  'error.badState.future':
    'Cette connexion est datée dans le futur, elle ne peut donc pas être vérifiée. Recommence, s’il te plaît.',
  'error.badState.expired': {
    one: 'Cette connexion a pris plus de {count} minute et a expiré. Recommence, s’il te plaît.',
    many: 'Cette connexion a pris plus de {count} de minutes et a expiré. Recommence, s’il te plaît.',
    other: 'Cette connexion a pris plus de {count} minutes et a expiré. Recommence, s’il te plaît.',
  },
  'error.badState.notDiscord': 'La réponse ne venait pas de Discord. Recommence, s’il te plaît.',
  'error.badState.used': 'Cette connexion a déjà été utilisée. Recommence, s’il te plaît.',
  'error.badState.noCode': 'Discord t’a renvoyé sans code de connexion. Recommence, s’il te plaît.',
  'error.discordError.title': 'Discord n’a pas pu te connecter',
  'error.discordError.text': 'Discord a signalé « {error} ». Recommence, s’il te plaît.',
  'error.missingScope.title': 'Autorisation manquante',
  'error.missingScope.text': 'Discord n’a pas accordé {scopes}. Recommence et autorise-le.',
  'error.busy.title': 'Tes rôles sont en cours de mise à jour',
  'error.busy.text': 'Réessaie dans quelques secondes.',
  'error.unconfirmed.title': 'Nous n’avons pas pu confirmer la mise à jour',
  'error.unconfirmed.text':
    'Discord n’a pas confirmé avoir enregistré tes rôles. Nous les renverrons nous-mêmes sous peu ; tu peux aussi refaire la vérification.',
  'error.csrf.title': 'Cette demande de déconnexion a été refusée',
  'error.csrf.text':
    'Elle ne venait pas de ta page de résultat, ou cette page date de plus d’une heure. Refais la vérification, puis utilise Déconnecter.',

  'metadata.tag_worn.name': 'Porte le tag du serveur',
  'metadata.tag_worn.description': 'Le membre affiche le tag de ce serveur à côté de son nom',
  'metadata.tag_streak_days.name': 'Jours d’affilée avec le tag',
  'metadata.tag_streak_days.description':
    'Jours entiers depuis que le membre a mis le tag du serveur sans l’enlever depuis',
  'metadata.tag_total_days.name': 'Jours avec le tag au total',
  'metadata.tag_total_days.description':
    'Jours entiers pendant lesquels le membre a porté le tag du serveur, toutes périodes confondues',
};
