// Spanish (Latin America): the Spanish of Spain where both say the same, with the wording and the
// tenses (pretérito rather than perfecto) that read naturally in Latin America.
import type { Catalog } from '../catalog.js';
import { esES } from './es-ES.js';

export const es419: Catalog = {
  ...esES,
  'result.comeBack': 'Actívala en Discord (tu perfil → Etiqueta del servidor) y regresa a esta página.',
  'result.checkAgain': 'Verificar de nuevo',
  'result.disconnect': 'Desconectar y eliminar mis datos',
  'disconnected.text':
    'Quitamos de Discord tus datos de roles vinculados, revocamos nuestro acceso a tu cuenta y eliminamos todo lo que guardábamos sobre ti.',
  'cancelled.title': 'No se vinculó nada',
  'cancelled.text': 'Cancelaste en Discord, así que no leímos ni cambiamos nada.',
  'cancelled.note':
    'Para vincular tu etiqueta más tarde, abre Configuración del servidor → Roles vinculados en Discord, o vuelve a empezar aquí.',
  'error.retry': 'No se cambió nada. Vuelve a intentarlo en un momento.',
  'error.misconfigured.text':
    'Discord rechazó la configuración de este servicio, así que no se cambió nada. Ya avisamos a los admins; vuelve a intentarlo más tarde.',
  'error.invalidGrant.title': 'Este inicio de sesión expiró',
  'error.invalidGrant.text': 'Discord no aceptó el inicio de sesión: expiró o ya se usó. Empieza de nuevo, por favor.',
  'error.unauthorized.title': 'Discord denegó el acceso',
  'error.unauthorized.text': 'Discord retiró el acceso que acabas de dar. Empieza de nuevo y presiona Autorizar.',
  'error.rateLimited.text': {
    one: 'Discord nos pidió ir más despacio. Vuelve a intentarlo en {count} segundo.',
    many: 'Discord nos pidió ir más despacio. Vuelve a intentarlo en {count} de segundos.',
    other: 'Discord nos pidió ir más despacio. Vuelve a intentarlo en {count} segundos.',
  },
  'error.discordTimeout.title': 'Discord no respondió a tiempo',
  'error.discordRefused.title': 'Discord rechazó nuestra solicitud',
  'error.badRequest.title': 'No pudimos procesar esta solicitud',
  'error.internal.title': 'Algo falló de nuestro lado',
  'error.badState.noState': 'Discord te regresó sin el estado del inicio de sesión. Empieza de nuevo, por favor.',
  'error.badState.expired': {
    one: 'Este inicio de sesión tardó más de {count} minuto y expiró. Empieza de nuevo, por favor.',
    many: 'Este inicio de sesión tardó más de {count} de minutos y expiró. Empieza de nuevo, por favor.',
    other: 'Este inicio de sesión tardó más de {count} minutos y expiró. Empieza de nuevo, por favor.',
  },
  'error.badState.used': 'Este inicio de sesión ya se usó. Empieza de nuevo, por favor.',
  'error.badState.noCode': 'Discord te regresó sin código de inicio de sesión. Empieza de nuevo, por favor.',
  'error.discordError.title': 'Discord no pudo iniciar tu sesión',
  'error.discordError.text': 'Discord informó «{error}». Empieza de nuevo, por favor.',
  'error.missingScope.text': 'Discord no concedió {scopes}. Empieza de nuevo y permítelo.',
  'error.unconfirmed.title': 'No pudimos confirmar la actualización',
  'error.unconfirmed.text':
    'Discord no confirmó que guardó tus roles. Los volveremos a enviar pronto por nuestra cuenta; también puedes verificarte de nuevo.',
  'error.csrf.title': 'Se rechazó esta solicitud de desconexión',
  'metadata.tag_total_days.description':
    'Días completos que el miembro llevó la etiqueta del servidor, sumando todas las veces',
};
