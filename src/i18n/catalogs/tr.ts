// Turkish, in the informal sen that Discord's own Turkish uses.
import type { Catalog } from '../catalog.js';

export const tr: Catalog = {
  'home.title': '{platform} bağlantılı roller',
  'home.text': 'Bu hizmet, bir sunucunun etiketini taktığında Discord’un sana rol vermesini sağlar.',
  'home.link': 'Discord hesabımı bağla',

  'result.worn.title': '[{tag}] takıyorsun',
  'result.worn.text': 'Etiket gerektiren roller artık senin. {tag} adının yanında görünüyor.',
  'result.notWorn.title': 'Sunucumuzun etiketini takmıyorsun',
  'result.comeBack': 'Discord’da aç (profilin → Sunucu Etiketi), sonra bu sayfaya geri dön.',
  'result.noTag.text': 'Discord profilinde hiçbir sunucu etiketi göstermiyor.',
  'result.switchedOff.text': '{tag} sunucu etiketin kapalı.',
  'result.switchedOffUnknown.text': 'Sunucu etiketin kapalı.',
  'result.cleared.text':
    'Discord artık sunucu etiketini göstermiyor (sunucu etiketi değiştirmiş olabilir). Etiketi yeniden benimse.',
  'result.otherGuild.text': '{tag} takıyorsun, ama bu etiket başka bir sunucuya ait.',
  'result.otherGuildUnknown.text': 'Başka bir sunucunun etiketini takıyorsun.',
  'result.account': 'Discord hesabı',
  'result.tagSeen': 'Görülen etiket',
  'result.noneSeen': 'yok',
  'result.yes': 'evet',
  'result.no': 'hayır',
  'result.since': 'Takmaya başladığın gün',
  'result.days': { one: '{count} gün', other: '{count} gün' },
  'result.note':
    'Bağlantılı rollerin etiketini takip eder: bir değişiklik gördüğümüzde Discord onları günceller. Bu sayfayı kapatabilirsin.',
  'result.checkAgain': 'Yeniden kontrol et',
  'result.disconnect': 'Bağlantıyı kes ve verilerimi sil',

  'disconnected.title': 'Bağlantı kesildi',
  'disconnected.text':
    'Bağlantılı rol verilerini Discord’dan kaldırdık, hesabına erişimimizi iptal ettik ve senin hakkında sakladığımız her şeyi sildik.',
  'disconnected.note': 'Bu bağlantı üzerinden etiket gerektiren rolleri Discord kaldırır.',
  'disconnected.again': 'Yeniden bağla',

  'cancelled.title': 'Hiçbir şey bağlanmadı',
  'cancelled.text': 'Discord’da iptal ettin, bu yüzden hiçbir şey okumadık ya da değiştirmedik.',
  'cancelled.note':
    'Etiketini daha sonra bağlamak için Discord’da Sunucu Ayarları → Bağlantılı Roller’i aç ya da buradan yeniden başla.',
  'cancelled.again': 'Tekrar dene',

  'error.startAgain': 'Yeniden başla',
  'error.retry': 'Hiçbir şey değişmedi. Birazdan tekrar dene.',
  'error.notFound.title': 'Sayfa bulunamadı',
  'error.notFound.text': 'Bu adreste hiçbir şey yok.',
  'error.misconfigured.title': 'Bu hizmet yanlış yapılandırılmış',
  'error.misconfigured.text':
    'Discord bu hizmetin kendi ayarlarını reddetti, bu yüzden hiçbir şey değişmedi. Yöneticilere haber verildi; lütfen daha sonra tekrar dene.',
  'error.invalidGrant.title': 'Bu oturum açmanın süresi doldu',
  'error.invalidGrant.text':
    'Discord oturum açmayı kabul etmedi: süresi doldu ya da zaten kullanıldı. Lütfen yeniden başla.',
  'error.unauthorized.title': 'Discord erişimi reddetti',
  'error.unauthorized.text': 'Discord az önce verdiğin erişimi geri çekti. Yeniden başla ve Yetkilendir’e bas.',
  'error.rateLimited.title': 'Discord yoğun',
  'error.rateLimited.text': {
    one: 'Discord yavaşlamamızı istedi. Lütfen {count} saniye sonra tekrar dene.',
    other: 'Discord yavaşlamamızı istedi. Lütfen {count} saniye sonra tekrar dene.',
  },
  'error.discordTimeout.title': 'Discord zamanında yanıt vermedi',
  'error.discordUnavailable.title': 'Discord düzgün yanıt vermiyor',
  'error.discordRefused.title': 'Discord isteğimizi reddetti',
  'error.invalidLink.title': 'Bu bağlantı geçerli değil',
  'error.invalidLink.text': 'Adres hatalıydı. Lütfen Discord’dan yeniden başla.',
  'error.tooMany.title': 'Çok fazla deneme',
  'error.tooMany.text': 'Bir dakika bekle, sonra Discord’dan yeniden başla.',
  'error.badRequest.title': 'Bu istek işlenemedi',
  'error.badRequest.text': 'Lütfen Discord’dan yeniden başla.',
  'error.internal.title': 'Bizim tarafımızda bir şeyler ters gitti',
  'error.badState.title': 'Bu oturum açma tamamlanamıyor',
  'error.badState.noSignIn': 'Bu tarayıcıda süren bir oturum açma yok (ya da zaten kullanıldı). Lütfen yeniden başla.',
  'error.badState.noState': 'Discord seni oturum açma durumu olmadan geri gönderdi. Lütfen yeniden başla.',
  'error.badState.mismatch': 'Oturum açma durumu bu tarayıcıyla eşleşmiyor. Lütfen yeniden başla.',
  'error.badState.future': 'Bu oturum açma ileri bir tarihli, bu yüzden kontrol edilemiyor. Lütfen yeniden başla.',
  'error.badState.expired': {
    one: 'Bu oturum açma {count} dakikadan uzun sürdü ve süresi doldu. Lütfen yeniden başla.',
    other: 'Bu oturum açma {count} dakikadan uzun sürdü ve süresi doldu. Lütfen yeniden başla.',
  },
  'error.badState.notDiscord': 'Yanıt Discord’dan gelmedi. Lütfen yeniden başla.',
  'error.badState.used': 'Bu oturum açma zaten kullanıldı. Lütfen yeniden başla.',
  'error.badState.noCode': 'Discord seni oturum açma kodu olmadan geri gönderdi. Lütfen yeniden başla.',
  'error.discordError.title': 'Discord oturumunu açamadı',
  'error.discordError.text': 'Discord “{error}” bildirdi. Lütfen yeniden başla.',
  'error.missingScope.title': 'İzin eksik',
  'error.missingScope.text': 'Discord {scopes} iznini vermedi. Lütfen yeniden başla ve izin ver.',
  'error.busy.title': 'Rollerin şu anda güncelleniyor',
  'error.busy.text': 'Lütfen birkaç saniye sonra tekrar dene.',
  'error.unconfirmed.title': 'Güncellemeyi doğrulayamadık',
  'error.unconfirmed.text':
    'Discord rollerini kaydettiğini doğrulamadı. Kısa süre içinde onları kendimiz yeniden göndereceğiz; istersen yeniden doğrulama da yapabilirsin.',
  'error.csrf.title': 'Bu bağlantı kesme isteği reddedildi',
  'error.csrf.text':
    'İstek sonuç sayfandan gelmedi ya da o sayfa bir saatten eski. Yeniden doğrula, sonra Bağlantıyı kes’i kullan.',

  'metadata.tag_worn.name': 'Sunucu etiketini takıyor',
  'metadata.tag_worn.description': 'Üye bu sunucunun etiketini adının yanında gösteriyor',
  'metadata.tag_streak_days.name': 'Etiketle art arda gün',
  'metadata.tag_streak_days.description':
    'Üyenin sunucu etiketini en son takıp hiç çıkarmadığı andan bu yana geçen tam gün sayısı',
  'metadata.tag_total_days.name': 'Etiketle toplam gün',
  'metadata.tag_total_days.description': 'Üyenin sunucu etiketini taktığı tüm dönemler boyunca toplam tam gün sayısı',
};
