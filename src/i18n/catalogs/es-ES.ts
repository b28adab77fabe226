// Spanish (Spain), in the informal tú that Discord's own Spanish uses.
import type { Catalog } from '../catalog.js';

export const esES: Catalog = {
  'home.title': '{platform}: roles vinculados',
  'home.text': 'Este servicio permite que Discord te dé roles por llevar la etiqueta de un servidor.',
  'home.link': 'Vincular mi cuenta de Discord',

  'result.worn.title': 'Llevas [{tag}]',
  'result.worn.text': 'Los roles que piden la etiqueta ya son tuyos. {tag} aparece junto a tu nombre.',
  'result.notWorn.title': 'No llevas la etiqueta de nuestro servidor',
  'result.comeBack': 'Actívala en Discord (tu perfil → Etiqueta del servidor) y vuelve a esta página.',
  'result.noTag.text': 'Discord no muestra ninguna etiqueta de servidor en tu perfil.',
  'result.switchedOff.text': 'Tu etiqueta de servidor {tag} está desactivada.',
  'result.switchedOffUnknown.text': 'Tu etiqueta de servidor está desactivada.',
  'result.cleared.text':
    'Discord ya no muestra tu etiqueta de servidor (puede que el servidor la haya cambiado). Vuelve a adoptarla.',
  'result.otherGuild.text': 'Llevas {tag}, que pertenece a otro servidor.',
  'result.otherGuildUnknown.text': 'Llevas la etiqueta de otro servidor.',
  'result.account': 'Cuenta de Discord',
  'result.tagSeen': 'Etiqueta vista',
  'result.noneSeen': 'ninguna',
  'result.yes': 'sí',
  'result.no': 'no',
  'result.since': 'La llevas desde el',
  'result.days': { one: '{count} día', many: '{count} de días', other: '{count} días' },
  'result.note':
    'Tus roles vinculados siguen a tu etiqueta: Discord los actualiza cuando vemos un cambio. Ya puedes cerrar esta página.',
  'result.checkAgain': 'Comprobar de nuevo',
  'result.disconnect': 'Desconectar y borrar mis datos',

  'disconnected.title': 'Desconectado',
  'disconnected.text':
    'Hemos quitado de Discord tus datos de roles vinculados, revocado nuestro acceso a tu cuenta y borrado todo lo que guardábamos sobre ti.',
  'disconnected.note': 'Discord quita los roles que pedían la etiqueta a través de esta vinculación.',
  'disconnected.again': 'Vincular de nuevo',

  'cancelled.title': 'No se ha vinculado nada',
  'cancelled.text': 'Has cancelado en Discord, así que no hemos leído ni cambiado nada.',
  'cancelled.note':
    'Para vincular tu etiqueta más tarde, abre Ajustes del servidor → Roles vinculados en Discord, o vuelve a empezar aquí.',
  'cancelled.again': 'Intentarlo de nuevo',

  'error.startAgain': 'Empezar de nuevo',
  'error.retry': 'No se ha cambiado nada. Inténtalo de nuevo en un momento.',
  'error.notFound.title': 'Página no encontrada',
  'error.notFound.text': 'No hay nada en esta dirección.',
  'error.misconfigured.title': 'Este servicio está mal configurado',
  'error.misconfigured.text':
    'Discord ha rechazado los ajustes de este servicio, así que no se ha cambiado nada. Ya hemos avisado a los admins; inténtalo más tarde.',
  'error.invalidGrant.title': 'Este inicio de sesión ha caducado',
  'error.invalidGrant.text':
    'Discord no ha aceptado el inicio de sesión: ha caducado o ya se usó. Empieza de nuevo, por favor.',
  'error.unauthorized.title': 'Discord ha denegado el acceso',
  'error.unauthorized.text':
    'Discord ha retirado el acceso que acabas de conceder. Empieza de nuevo y pulsa Autorizar.',
  'error.rateLimited.title': 'Discord está saturado',
  'error.rateLimited.text': {
    one: 'Discord nos ha pedido que vayamos más despacio. Inténtalo de nuevo dentro de {count} segundo.',
    many: 'Discord nos ha pedido que vayamos más despacio. Inténtalo de nuevo dentro de {count} de segundos.',
    other: 'Discord nos ha pedido que vayamos más despacio. Inténtalo de nuevo dentro de {count} segundos.',
  },
  'error.discordTimeout.title': 'Discord no ha respondido a tiempo',
  'error.discordUnavailable.title': 'Discord no está respondiendo bien',
  'error.discordRefused.title': 'Discord ha rechazado nuestra petición',
  'error.invalidLink.title': 'Este enlace no es válido',
  'error.invalidLink.text': 'La dirección estaba mal formada. Empieza de nuevo desde Discord.',
  'error.tooMany.title': 'Demasiados intentos',
  'error.tooMany.text': 'Espera un minuto y empieza de nuevo desde Discord.',
  'error.badRequest.title': 'No hemos podido atender esta petición',
  'error.badRequest.text': 'Empieza de nuevo desde Discord.',
  'error.internal.title': 'Algo ha fallado por nuestra parte',
  'error.badState.title': 'Este inicio de sesión no se puede completar',
  'error.badState.noSignIn':
    'Este navegador no tiene ningún inicio de sesión en curso (o ya se usó). Empieza de nuevo, por favor.',
  'error.badState.noState': 'Discord te ha devuelto sin el estado del inicio de sesión. Empieza de nuevo, por favor.',
  'error.badState.mismatch':
    'El estado del inicio de sesión no coincide con este navegador. Empieza de nuevo, por favor.',
  'error.badState.future':
    'Este inicio de sesión tiene una fecha futura, así que no se puede comprobar. Empieza de nuevo, por favor.',
  'error.badState.expired': {
    one: 'Este inicio de sesión ha tardado más de {count} minuto y ha caducado. Empieza de nuevo, por favor.',
    many: 'Este inicio de sesión ha tardado más de {count} de minutos y ha caducado. Empieza de nuevo, por favor.',
    other: 'Este inicio de sesión ha tardado más de {count} minutos y ha caducado. Empieza de nuevo, por favor.',
  },
  'error.badState.notDiscord': 'La respuesta no venía de Discord. Empieza de nuevo, por favor.',
  'error.badState.used': 'Este inicio de sesión ya se ha usado. Empieza de nuevo, por favor.',
  'error.badState.noCode': 'Discord te ha devuelto sin código de inicio de sesión. Empieza de nuevo, por favor.',
  'error.discordError.title': 'Discord no ha podido iniciar tu sesión',
  'error.discordError.text': 'Discord ha informado de «{error}». Empieza de nuevo, por favor.',
  'error.missingScope.title': 'Falta un permiso',
  'error.missingScope.text': 'Discord no ha concedido {scopes}. Empieza de nuevo y permítelo.',
  'error.busy.title': 'Tus roles se están actualizando ahora mismo',
  'error.busy.text': 'Inténtalo de nuevo en unos segundos.',
  'error.unconfirmed.title': 'No hemos podido confirmar la actualización',
  'error.unconfirmed.text':
    'Discord no ha confirmado que haya guardado tus roles. Los volveremos a enviar enseguida por nuestra cuenta; también puedes verificarte de nuevo.',
  'error.csrf.title': 'Se ha rechazado esta petición de desconexión',
  'error.csrf.text':
    'No venía de tu página de resultado, o esa página tiene más de una hora. Verifícate de nuevo y luego usa Desconectar.',

  'metadata.tag_worn.name': 'Lleva la etiqueta del servidor',
  'metadata.tag_worn.description': 'El miembro muestra la etiqueta de este servidor junto a su nombre',
  'metadata.tag_streak_days.name': 'Días seguidos con la etiqueta',
  'metadata.tag_streak_days.description':
    'Días completos desde que el miembro se puso la etiqueta del servidor por última vez sin quitársela',
  'metadata.tag_total_days.name': 'Días con la etiqueta en total',
  'metadata.tag_total_days.description':
    'Días completos que el miembro ha llevado la etiqueta del servidor, sumando todas las veces',
};
