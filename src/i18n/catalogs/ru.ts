// Russian: one (1, 21…), few (2–4, 22–24…), many (5–20, 25–30…) and other (fractions) for counts.
import type { Catalog } from '../catalog.js';

export const ru: Catalog = {
  'home.title': '{platform}: связанные роли',
  'home.text': 'С этим сервисом Discord может выдавать вам роли за ношение тега сервера.',
  'home.link': 'Связать мой аккаунт Discord',

  'result.worn.title': 'Вы носите [{tag}]',
  'result.worn.text': 'Роли, для которых нужен тег, теперь ваши. {tag} показан рядом с вашим именем.',
  'result.notWorn.title': 'Вы не носите тег нашего сервера',
  'result.comeBack': 'Включите его в Discord (ваш профиль → Тег сервера), а затем вернитесь на эту страницу.',
  'result.noTag.text': 'Discord не показывает тег сервера в вашем профиле.',
  'result.switchedOff.text': 'Ваш тег сервера {tag} выключен.',
  'result.switchedOffUnknown.text': 'Ваш тег сервера выключен.',
  'result.cleared.text':
    'Discord больше не показывает ваш тег сервера (возможно, сервер его изменил). Выберите его снова.',
  'result.otherGuild.text': 'Вы носите {tag}, а он принадлежит другому серверу.',
  'result.otherGuildUnknown.text': 'Вы носите тег другого сервера.',
  'result.account': 'Аккаунт Discord',
  'result.tagSeen': 'Замеченный тег',
  'result.noneSeen': 'нет',
  'result.yes': 'да',
  'result.no': 'нет',
  'result.since': 'Носите с',
  'result.days': { one: '{count} день', few: '{count} дня', many: '{count} дней', other: '{count} дня' },
  'result.note':
    'Ваши связанные роли следуют за тегом: Discord обновляет их, когда мы замечаем изменение. Эту страницу можно закрыть.',
  'result.checkAgain': 'Проверить снова',
  'result.disconnect': 'Отключить и удалить мои данные',

  'disconnected.title': 'Отключено',
  'disconnected.text':
    'Мы удалили ваши данные связанных ролей из Discord, отозвали наш доступ к вашему аккаунту и стёрли всё, что о вас хранили.',
  'disconnected.note': 'Роли, которые требовали тег через эту связь, Discord снимет.',
  'disconnected.again': 'Связать снова',

  'cancelled.title': 'Ничего не связано',
  'cancelled.text': 'Вы отменили вход в Discord, поэтому мы ничего не прочитали и не изменили.',
  'cancelled.note':
    'Чтобы связать тег позже, откройте в Discord Настройки сервера → Связанные роли или начните заново здесь.',
  'cancelled.again': 'Попробовать снова',

  'error.startAgain': 'Начать заново',
  'error.retry': 'Ничего не изменилось. Попробуйте ещё раз через минутку.',
  'error.notFound.title': 'Страница не найдена',
  'error.notFound.text': 'По этому адресу ничего нет.',
  'error.misconfigured.title': 'Сервис настроен неправильно',
  'error.misconfigured.text':
    'Discord отклонил настройки этого сервиса, поэтому ничего не изменилось. Администраторы уже в курсе; попробуйте позже.',
  'error.invalidGrant.title': 'Срок входа истёк',
  'error.invalidGrant.text': 'Discord не принял вход: срок истёк или он уже использован. Начните заново.',
  'error.unauthorized.title': 'Discord отказал в доступе',
  'error.unauthorized.text':
    'Discord отозвал доступ, который вы только что дали. Начните заново и нажмите «Авторизовать».',
  'error.rateLimited.title': 'Discord перегружен',
  'error.rateLimited.text': {
    one: 'Discord попросил нас сбавить темп. Попробуйте снова через {count} секунду.',
    few: 'Discord попросил нас сбавить темп. Попробуйте снова через {count} секунды.',
    many: 'Discord попросил нас сбавить темп. Попробуйте снова через {count} секунд.',
    other: 'Discord попросил нас сбавить темп. Попробуйте снова через {count} секунды.',
  },
  'error.discordTimeout.title': 'Discord не ответил вовремя',
  'error.discordUnavailable.title': 'Discord отвечает с ошибками',
  'error.discordRefused.title': 'Discord отклонил наш запрос',
  'error.invalidLink.title': 'Эта ссылка недействительна',
  'error.invalidLink.text': 'Адрес был искажён. Начните заново из Discord.',
  'error.tooMany.title': 'Слишком много попыток',
  'error.tooMany.text': 'Подождите минуту, а затем начните заново из Discord.',
  'error.badRequest.title': 'Не удалось обработать запрос',
  'error.badRequest.text': 'Начните заново из Discord.',
  'error.internal.title': 'У нас что-то пошло не так',
  'error.badState.title': 'Этот вход нельзя завершить',
  'error.badState.noSignIn': 'В этом браузере нет начатого входа (или он уже использован). Начните заново.',
  'error.badState.noState': 'Discord вернул вас без состояния входа. Начните заново.',
  'error.badState.mismatch': 'Состояние входа не совпадает с этим браузером. Начните заново.',
  'error.badState.future': 'Этот вход датирован будущим, поэтому его нельзя проверить. Начните заново.',
  'error.badState.expired': {
    one: 'Вход занял дольше {count} минуты, и его срок истёк. Начните заново.',
    few: 'Вход занял дольше {count} минут, и его срок истёк. Начните заново.',
    many: 'Вход занял дольше {count} минут, и его срок истёк. Начните заново.',
    other: 'Вход занял дольше {count} минуты, и его срок истёк. Начните заново.',
  },
  'error.badState.notDiscord': 'Ответ пришёл не от Discord. Начните заново.',
  'error.badState.used': 'Этот вход уже использован. Начните заново.',
  'error.badState.noCode': 'Discord вернул вас без кода входа. Начните заново.',
  'error.discordError.title': 'Discord не смог выполнить вход',
  'error.discordError.text': 'Discord сообщил: «{error}». Начните заново.',
  'error.missingScope.title': 'Не хватает разрешения',
  'error.missingScope.text': 'Discord не выдал {scopes}. Начните заново и разрешите это.',
  'error.busy.title': 'Ваши роли сейчас обновляются',
  'error.busy.text': 'Попробуйте ещё раз через несколько секунд.',
  'error.unconfirmed.title': 'Не удалось подтвердить обновление',
  'error.unconfirmed.text':
    'Discord не подтвердил, что сохранил ваши роли. Мы скоро сами отправим их ещё раз; вы также можете пройти проверку снова.',
  'error.csrf.title': 'Запрос на отключение отклонён',
  'error.csrf.text':
    'Он пришёл не с вашей страницы результата, или этой странице больше часа. Пройдите проверку снова, затем нажмите «Отключить».',

  'metadata.tag_worn.name': 'Носит тег сервера',
  'metadata.tag_worn.description': 'Участник показывает тег этого сервера рядом со своим именем',
  'metadata.tag_streak_days.name': 'Дней подряд с тегом',
  'metadata.tag_streak_days.description':
    'Полные дни с тех пор, как участник в последний раз надел тег сервера и не снимал его',
  'metadata.tag_total_days.name': 'Всего дней с тегом',
  'metadata.tag_total_days.description': 'Полные дни, в которые участник носил тег сервера, за все разы вместе',
};
