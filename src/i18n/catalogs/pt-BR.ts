// Portuguese (Brazil), with você as Discord's own Portuguese; roles are cargos there.
import type { Catalog } from '../catalog.js';

export const ptBR: Catalog = {
  'home.title': '{platform}: cargos vinculados',
  'home.text': 'Este serviço permite que o Discord te dê cargos por usar a tag de um servidor.',
  'home.link': 'Vincular minha conta do Discord',

  'result.worn.title': 'Você usa [{tag}]',
  'result.worn.text': 'Os cargos que exigem a tag agora são seus. {tag} aparece ao lado do seu nome.',
  'result.notWorn.title': 'Você não está usando a tag do nosso servidor',
  'result.comeBack': 'Ative-a no Discord (seu perfil → Tag do servidor) e depois volte para esta página.',
  'result.noTag.text': 'O Discord não mostra nenhuma tag de servidor no seu perfil.',
  'result.switchedOff.text': 'Sua tag de servidor {tag} está desativada.',
  'result.switchedOffUnknown.text': 'Sua tag de servidor está desativada.',
  'result.cleared.text':
    'O Discord não está mais mostrando sua tag de servidor (talvez o servidor a tenha mudado). Adote-a de novo.',
  'result.otherGuild.text': 'Você usa {tag}, que pertence a outro servidor.',
  'result.otherGuildUnknown.text': 'Você usa a tag de outro servidor.',
  'result.account': 'Conta do Discord',
  'result.tagSeen': 'Tag vista',
  'result.noneSeen': 'nenhuma',
  'result.yes': 'sim',
  'result.no': 'não',
  'result.since': 'Usando desde',
  'result.days': { one: '{count} dia', many: '{count} de dias', other: '{count} dias' },
  'result.note':
    'Seus cargos vinculados acompanham sua tag: o Discord os atualiza quando vemos uma mudança. Você já pode fechar esta página.',
  'result.checkAgain': 'Verificar de novo',
  'result.disconnect': 'Desconectar e apagar meus dados',

  'disconnected.title': 'Desconectado',
  'disconnected.text':
    'Removemos do Discord seus dados de cargos vinculados, revogamos nosso acesso à sua conta e apagamos tudo o que tínhamos guardado sobre você.',
  'disconnected.note': 'O Discord remove os cargos que exigiam a tag por meio deste vínculo.',
  'disconnected.again': 'Vincular de novo',

  'cancelled.title': 'Nada foi vinculado',
  'cancelled.text': 'Você cancelou no Discord, então não lemos nem mudamos nada.',
  'cancelled.note':
    'Para vincular sua tag mais tarde, abra Configurações do servidor → Cargos vinculados no Discord, ou comece de novo aqui.',
  'cancelled.again': 'Tentar de novo',

  'error.startAgain': 'Começar de novo',
  'error.retry': 'Nada foi alterado. Tente de novo daqui a pouco.',
  'error.notFound.title': 'Página não encontrada',
  'error.notFound.text': 'Não há nada neste endereço.',
  'error.misconfigured.title': 'Este serviço está mal configurado',
  'error.misconfigured.text':
    'O Discord recusou as configurações deste serviço, então nada foi alterado. Os admins já foram avisados; tente de novo mais tarde.',
  'error.invalidGrant.title': 'Este login expirou',
  'error.invalidGrant.text': 'O Discord não aceitou o login: ele expirou ou já foi usado. Comece de novo, por favor.',
  'error.unauthorized.title': 'O Discord recusou o acesso',
  'error.unauthorized.text': 'O Discord retirou o acesso que você acabou de dar. Comece de novo e toque em Autorizar.',
  'error.rateLimited.title': 'O Discord está sobrecarregado',
  'error.rateLimited.text': {
    one: 'O Discord pediu para irmos mais devagar. Tente de novo em {count} segundo.',
    many: 'O Discord pediu para irmos mais devagar. Tente de novo em {count} de segundos.',
    other: 'O Discord pediu para irmos mais devagar. Tente de novo em {count} segundos.',
  },
  'error.discordTimeout.title': 'O Discord não respondeu a tempo',
  'error.discordUnavailable.title': 'O Discord não está respondendo direito',
  'error.discordRefused.title': 'O Discord recusou nosso pedido',
  'error.invalidLink.title': 'Este link não é válido',
  'error.invalidLink.text': 'O endereço estava malformado. Comece de novo pelo Discord.',
  'error.tooMany.title': 'Tentativas demais',
  'error.tooMany.text': 'Espere um minuto e comece de novo pelo Discord.',
  'error.badRequest.title': 'Não foi possível processar este pedido',
  'error.badRequest.text': 'Comece de novo pelo Discord.',
  'error.internal.title': 'Algo deu errado do nosso lado',
  'error.badState.title': 'Este login não pode ser concluído',
  'error.badState.noSignIn':
    'Este navegador não tem nenhum login em andamento (ou ele já foi usado). Comece de novo, por favor.',
  'error.badState.noState': 'O Discord te mandou de volta sem o estado do login. Comece de novo, por favor.',
  'error.badState.mismatch': 'O estado do login não corresponde a este navegador. Comece de novo, por favor.',
  'error.badState.future': 'Este login tem data no futuro, então não pode ser verificado. Comece de novo, por favor.',
  'error.badState.expired': {
    one: 'Este login levou mais de {count} minuto e expirou. Comece de novo, por favor.',
    many: 'Este login levou mais de {count} de minutos e expirou. Comece de novo, por favor.',
    other: 'Este login levou mais de {count} minutos e expirou. Comece de novo, por favor.',
  },
  'error.badState.notDiscord': 'A resposta não veio do Discord. Comece de novo, por favor.',
  'error.badState.used': 'Este login já foi usado. Comece de novo, por favor.',
  'error.badState.noCode': 'O Discord te mandou de volta sem um código de login. Comece de novo, por favor.',
  'error.discordError.title': 'O Discord não conseguiu fazer seu login',
  'error.discordError.text': 'O Discord informou "{error}". Comece de novo, por favor.',
  'error.missingScope.title': 'Falta uma permissão',
  'error.missingScope.text': 'O Discord não concedeu {scopes}. Comece de novo e permita.',
  'error.busy.title': 'Seus cargos estão sendo atualizados agora',
  'error.busy.text': 'Tente de novo em alguns segundos.',
  'error.unconfirmed.title': 'Não conseguimos confirmar a atualização',
  'error.unconfirmed.text':
    'O Discord não confirmou que salvou seus cargos. Vamos enviá-los de novo em breve por conta própria; você também pode verificar de novo.',
  'error.csrf.title': 'Este pedido de desconexão foi recusado',
  'error.csrf.text':
    'Ele não veio da sua página de resultado, ou essa página tem mais de uma hora. Verifique de novo e depois use Desconectar.',

  'metadata.tag_worn.name': 'Usa a tag do servidor',
  'metadata.tag_worn.description': 'O membro mostra a tag deste servidor ao lado do nome',
  'metadata.tag_streak_days.name': 'Dias seguidos usando a tag',
  'metadata.tag_streak_days.description':
    'Dias completos desde que o membro colocou a tag do servidor pela última vez sem tirá-la',
  'metadata.tag_total_days.name': 'Dias usando a tag no total',
  'metadata.tag_total_days.description':
    'Dias completos em que o membro usou a tag do servidor, somando todas as vezes',
};
