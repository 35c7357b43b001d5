//! The words behind counted units, in English, French, German, Spanish and Russian, each mapped
//! to the English plural the dataset stores ("comptes", "Konten", "аккаунтов" are all
//! "accounts"), so that figures from articles in different languages compare.

/// What is counted, by the forms a noun takes.
pub(crate) const HEADS: &[(&str, &str)] = &[
    (
        "accounts",
        concat!(
            "account|accounts|compte|comptes|konto|konten|kontos|cuenta|cuentas|",
            "аккаунт|аккаунта|аккаунтов|аккаунты|учетных записей|учётных записей|",
            "учетные записи|учётные записи",
        ),
    ),
    (
        "profiles",
        concat!(
            "profile|profiles|profil|profils|perfil|perfiles|профиль|профиля|",
            "профилей|профили",
        ),
    ),
    ("tweets", "tweet|tweets|tuit|tuits|твит|твита|твитов|твиты"),
    (
        "retweets",
        "retweet|retweets|ретвит|ретвита|ретвитов|ретвиты",
    ),
    (
        "posts",
        concat!(
            "post|posts|publication|publications|beitrag|beiträge|beiträgen|",
            "publicación|publicaciones|пост|поста|постов|посты|публикация|",
            "публикации|публикаций",
        ),
    ),
    (
        "ads",
        concat!(
            "ad|ads|advert|adverts|advertisement|advertisements|publicité|",
            "publicités|annonce|annonces|anzeige|anzeigen|werbeanzeige|",
            "werbeanzeigen|anuncio|anuncios|объявление|объявления|объявлений",
        ),
    ),
    (
        "videos",
        concat!(
            "video|videos|vidéo|vidéos|vídeo|vídeos|видео|ролик|ролика|роликов|",
            "ролики",
        ),
    ),
    (
        "pages",
        "page|pages|seite|seiten|página|páginas|страница|страницы|страниц",
    ),
    ("bots", "bot|bots|бот|бота|ботов|боты"),
    ("trolls", "troll|trolls|trolle|тролль|тролля|троллей"),
    (
        "followers",
        concat!(
            "follower|followers|abonné|abonnés|abonnées|seguidor|seguidores|",
            "подписчик|подписчика|подписчиков|подписчики",
        ),
    ),
    (
        "subscribers",
        "subscriber|subscribers|abonnent|abonnenten|suscriptor|suscriptores",
    ),
    (
        "views",
        concat!(
            "view|views|vue|vues|aufruf|aufrufe|visualización|visualizaciones|",
            "просмотр|просмотра|просмотров|просмотры",
        ),
    ),
    ("likes", "like|likes|лайк|лайка|лайков|лайки"),
    (
        "shares",
        "share|shares|partage|partages|репост|репоста|репостов|репосты",
    ),
    (
        "comments",
        concat!(
            "comment|comments|commentaire|commentaires|kommentar|kommentare|",
            "comentario|comentarios|комментарий|комментария|комментариев|",
            "комментарии",
        ),
    ),
    (
        "articles",
        "article|articles|artikel|artículo|artículos|статья|статьи|статей",
    ),
    (
        "messages",
        concat!(
            "message|messages|nachricht|nachrichten|mensaje|mensajes|сообщение|",
            "сообщения|сообщений",
        ),
    ),
    (
        "websites",
        concat!(
            "website|websites|site|sites|site web|sites web|sites internet|webseite|",
            "webseiten|sitio|sitios|sitio web|sitios web|сайт|сайта|сайтов|сайты",
        ),
    ),
    (
        "domains",
        concat!(
            "domain|domains|domaine|domaines|dominio|dominios|домен|домена|доменов|",
            "домены",
        ),
    ),
    (
        "channels",
        concat!(
            "channel|channels|chaîne|chaînes|kanal|kanäle|kanälen|canal|canales|",
            "канал|канала|каналов|каналы",
        ),
    ),
    (
        "groups",
        concat!(
            "group|groups|groupe|groupes|gruppe|gruppen|grupo|grupos|группа|группы|",
            "групп",
        ),
    ),
    (
        "users",
        concat!(
            "user|users|utilisateur|utilisateurs|nutzer|nutzern|benutzer|usuario|",
            "usuarios|пользователь|пользователя|пользователей|пользователи",
        ),
    ),
    (
        "people",
        "people|personnes|menschen|personen|personas|человек",
    ),
    (
        "campaigns",
        concat!(
            "campaign|campaigns|campagne|campagnes|kampagne|kampagnen|campaña|",
            "campañas|кампания|кампании|кампаний",
        ),
    ),
    (
        "impressions",
        concat!(
            "impression|impressions|impressionen|impresión|impresiones|показ|показа|",
            "показов",
        ),
    ),
    (
        "clicks",
        "click|clicks|clic|clics|klick|klicks|клик|клика|кликов",
    ),
    (
        "signatures",
        concat!(
            "signature|signatures|unterschrift|unterschriften|firma|firmas|подпись|",
            "подписи|подписей",
        ),
    ),
];

/// Adjectives that make a paid-for unit: "promoted tweets", "tweets sponsorisés".
pub(crate) const PROMOTED: &str = concat!(
    "promoted|sponsored|paid|boosted|sponsorisé|sponsorisés|sponsorisée|",
    "sponsorisées|promu|promus|promue|promues|payant|payants|payante|",
    "payantes|gesponsert|gesponserte|gesponserten|gesponserter|bezahlte|",
    "bezahlten|bezahlter|beworbene|beworbenen|patrocinado|patrocinados|",
    "patrocinada|patrocinadas|pagado|pagados|pagada|pagadas|promocionado|",
    "promocionados|promocionada|promocionadas|рекламный|рекламных|рекламные|",
    "проплаченных|проплаченные|спонсорских|спонсорские|продвигаемых",
);

/// Adjectives that make a fake unit: "fake accounts", "faux comptes", "cuentas falsas".
pub(crate) const FAKE: &str = concat!(
    "fake|false|bogus|inauthentic|fraudulent|sham|fake-|faux|fausse|fausses|",
    "factice|factices|frauduleux|frauduleuse|frauduleuses|gefälschte|",
    "gefälschten|gefälschter|falsche|falschen|falscher|falso|falsos|falsa|",
    "falsas|fraudulentos|fraudulentas|фейковых|фейковые|фейковый|фальшивых|",
    "фальшивые|поддельных|поддельные|ложных|ложные",
);

/// Units that a promoting adjective changes ("promoted tweets"); others keep their name
/// ("sponsored ads" are ads).
pub(crate) const PROMOTABLE: &[&str] = &[
    "tweets", "retweets", "posts", "videos", "pages", "messages", "articles", "accounts",
];

/// Words that never stand between a number and what it counts: articles, prepositions,
/// conjunctions, common verbs and month names. A number followed by one of them counts nothing.
pub(crate) const NOT_BETWEEN: &str = concat!(
    "the|a|an|of|in|on|at|to|for|and|or|by|with|from|that|this|these|those|",
    "was|were|is|are|has|had|have|it|he|she|they|we|after|before|since|per|",
    "percent|than|times|years|year|days|day|months|hours|minutes|january|",
    "february|march|april|may|june|july|august|september|october|november|",
    "december|le|la|les|l|de|des|du|en|et|ou|à|au|aux|par|pour|sur|dans|",
    "avec|qui|que|est|sont|ont|il|elle|ils|elles|ce|cette|ces|ans|jours|",
    "fois|janvier|février|mars|avril|mai|juin|juillet|août|septembre|",
    "octobre|novembre|décembre|der|die|das|den|dem|ein|eine|und|oder|im|am|",
    "an|auf|mit|von|vom|zu|zur|zum|für|bei|ist|sind|hat|haben|wurde|wurden|",
    "er|sie|es|prozent|jahre|jahren|tage|mal|januar|februar|märz|juni|juli|",
    "oktober|dezember|el|los|las|un|una|del|y|o|al|por|para|con|son|ha|han|",
    "se|su|sus|años|días|veces|enero|febrero|marzo|abril|mayo|junio|julio|",
    "agosto|septiembre|octubre|noviembre|diciembre|в|на|и|или|с|по|из|за|от|",
    "до|к|у|о|что|это|был|была|были|он|она|они|процентов|года|лет|дней|раз|",
    "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|",
    "ноября|декабря",
);
