// Japanese, in the polite です/ます style of Discord's own Japanese; one plural form.
import type { Catalog } from '../catalog.js';

export const ja: Catalog = {
  'home.title': '{platform} のリンクされたロール',
  'home.text': 'このサービスを使うと、サーバーのタグを付けているあなたに Discord がロールを付与できます。',
  'home.link': 'Discord アカウントをリンクする',

  'result.worn.title': '[{tag}] を付けています',
  'result.worn.text': 'タグが必要なロールがもらえるようになりました。{tag} があなたの名前の横に表示されています。',
  'result.notWorn.title': 'このサーバーのタグを付けていません',
  'result.comeBack': 'Discord でオンにしてから（プロフィール → サーバータグ）、このページに戻ってきてください。',
  'result.noTag.text': 'Discord のプロフィールにサーバータグが表示されていません。',
  'result.switchedOff.text': 'サーバータグ {tag} がオフになっています。',
  'result.switchedOffUnknown.text': 'サーバータグがオフになっています。',
  'result.cleared.text':
    'Discord にサーバータグが表示されなくなりました（サーバーがタグを変更した可能性があります）。もう一度採用してください。',
  'result.otherGuild.text': '付けているのは {tag} で、別のサーバーのタグです。',
  'result.otherGuildUnknown.text': '別のサーバーのタグを付けています。',
  'result.account': 'Discord アカウント',
  'result.tagSeen': '確認したタグ',
  'result.noneSeen': 'なし',
  'result.yes': 'はい',
  'result.no': 'いいえ',
  'result.since': '付け始めた日',
  'result.days': { other: '{count}日' },
  'result.note':
    'リンクされたロールはタグに連動します。変化を確認すると Discord がロールを更新します。このページは閉じてかまいません。',
  'result.checkAgain': 'もう一度確認する',
  'result.disconnect': '接続を解除してデータを削除する',

  'disconnected.title': '接続を解除しました',
  'disconnected.text':
    'Discord からリンクされたロールのデータを削除し、アカウントへのアクセス権を取り消し、保存していたあなたの情報をすべて削除しました。',
  'disconnected.note': 'このリンクでタグが必要だったロールは Discord によって外されます。',
  'disconnected.again': 'もう一度リンクする',

  'cancelled.title': 'リンクされませんでした',
  'cancelled.text': 'Discord でキャンセルされたため、何も読み取らず、何も変更していません。',
  'cancelled.note':
    'あとでタグをリンクするには、Discord で サーバー設定 → リンクされたロール を開くか、ここからやり直してください。',
  'cancelled.again': 'もう一度試す',

  'error.startAgain': 'やり直す',
  'error.retry': '何も変更されていません。少し待ってからもう一度お試しください。',
  'error.notFound.title': 'ページが見つかりません',
  'error.notFound.text': 'このアドレスには何もありません。',
  'error.misconfigured.title': 'このサービスの設定に問題があります',
  'error.misconfigured.text':
    'Discord がこのサービス自体の設定を拒否したため、何も変更されていません。管理者には連絡済みです。時間をおいてもう一度お試しください。',
  'error.invalidGrant.title': 'サインインの有効期限が切れました',
  'error.invalidGrant.text':
    'Discord がサインインを受け付けませんでした。期限切れか、すでに使われています。やり直してください。',
  'error.unauthorized.title': 'Discord がアクセスを拒否しました',
  'error.unauthorized.text':
    '許可したばかりのアクセスを Discord が取り消しました。やり直して「認証」を押してください。',
  'error.rateLimited.title': 'Discord が混み合っています',
  'error.rateLimited.text': { other: 'Discord から少し待つよう求められました。{count}秒後にもう一度お試しください。' },
  'error.discordTimeout.title': 'Discord から時間内に応答がありませんでした',
  'error.discordUnavailable.title': 'Discord が正しく応答していません',
  'error.discordRefused.title': 'Discord がリクエストを拒否しました',
  'error.invalidLink.title': 'このリンクは無効です',
  'error.invalidLink.text': 'アドレスの形式が正しくありません。Discord からやり直してください。',
  'error.tooMany.title': '試行回数が多すぎます',
  'error.tooMany.text': '1分ほど待ってから、Discord からやり直してください。',
  'error.badRequest.title': 'このリクエストは処理できませんでした',
  'error.badRequest.text': 'Discord からやり直してください。',
  'error.internal.title': 'こちら側で問題が発生しました',
  'error.badState.title': 'このサインインを完了できません',
  'error.badState.noSignIn':
    'このブラウザーで進行中のサインインがありません（またはすでに使われています）。やり直してください。',
  'error.badState.noState': 'Discord からサインインの状態なしで戻されました。やり直してください。',
  'error.badState.mismatch': 'サインインの状態がこのブラウザーと一致しません。やり直してください。',
  'error.badState.future': 'このサインインは未来の日時になっているため確認できません。やり直してください。',
  'error.badState.expired': { other: 'サインインに{count}分以上かかったため期限が切れました。やり直してください。' },
  'error.badState.notDiscord': '応答が Discord からのものではありませんでした。やり直してください。',
  'error.badState.used': 'このサインインはすでに使われています。やり直してください。',
  'error.badState.noCode': 'Discord からサインインコードなしで戻されました。やり直してください。',
  'error.discordError.title': 'Discord でサインインできませんでした',
  'error.discordError.text': 'Discord から「{error}」と報告されました。やり直してください。',
  'error.missingScope.title': '権限が足りません',
  'error.missingScope.text': 'Discord で {scopes} が許可されませんでした。やり直して許可してください。',
  'error.busy.title': 'ただいまロールを更新中です',
  'error.busy.text': '数秒後にもう一度お試しください。',
  'error.unconfirmed.title': '更新を確認できませんでした',
  'error.unconfirmed.text':
    'ロールが保存されたことを Discord が確認しませんでした。まもなくこちらで自動的に送り直します。もう一度認証することもできます。',
  'error.csrf.title': 'この接続解除リクエストは拒否されました',
  'error.csrf.text':
    '結果ページからのリクエストではないか、そのページが1時間以上前のものです。もう一度認証してから「接続を解除」を使ってください。',

  'metadata.tag_worn.name': 'サーバータグを付けている',
  'metadata.tag_worn.description': 'メンバーが名前の横にこのサーバーのタグを表示している',
  'metadata.tag_streak_days.name': 'タグを付けている連続日数',
  'metadata.tag_streak_days.description': 'メンバーが最後にサーバータグを付けてから外さずにいる日数（1日単位）',
  'metadata.tag_total_days.name': 'タグを付けた合計日数',
  'metadata.tag_total_days.description': 'メンバーがこれまでにサーバータグを付けていた日数の合計（1日単位）',
};
