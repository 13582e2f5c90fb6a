"""Cue words, in the languages of the news this tool reads, for the deterministic repairs.

A 1.5B model reads most of an article right but gets a few things wrong in the same ways: it
copies a country or role from its few-shot examples, calls a phone call a meeting, misses
"postponed". Each of those has a surface cue in the sentence that reports the meeting; these
tables list the cues. All entries are matched after :func:`llm_extract.normalize.fold`
(case-folded, Arabic hamza/taa-marbuta/diacritics folded), on word starts, so Arabic forms with
a joined proclitic (وبحضور) still match.
"""

from __future__ import annotations

__all__ = [
    "ATTENDEE_CUES",
    "CITY_FORMS",
    "CONTACT_CUES",
    "DEMONYMS",
    "GROUP_WORDS",
    "HYPOTHETICAL_CUES",
    "IN_PERSON_MEET_CUES",
    "MEET_CUES",
    "MODALITY_CUES",
    "NOT_PERSONS",
    "PAST_CONTACT_CUES",
    "PLANNED_CUES",
    "RECEPTION_CUES",
    "SEPARATELY_CUES",
    "STATUS_CUES",
    "TITLE_WORDS",
    "VENUE_WORDS",
    "VISIT_CUES",
]

MODALITY_CUES: dict[str, tuple[str, ...]] = {
    "phone": (
        "اتصالا هاتفيا", "اتصال هاتفي", "اتصالاً هاتفياً", "مكالمة هاتفية", "هاتفيا", "هاتفياً",
        "phone call", "telephone call", "by phone", "by telephone", "spoke by phone",
        "spoke with", "spoke to", "held a call", "a call with", "call from", "phoned",
        "telephoned",
        "phone conversation", "telephone conversation", "phoned", "call with",
        "entretien téléphonique", "téléphone", "au téléphone", "appel téléphonique",
        "telefonat", "telefoniert", "telefonisch", "llamada telefónica", "por teléfono",
        "telefonda", "telefon görüşmesi", "telefonla", "телефонный разговор", "по телефону",
        "通电话", "电话", "通話", "telefonsamtal", "telefon",
    ),
    "video": (
        "دائرة تلفزيونية", "دائرة تلفزيونيه", "عبر الفيديو", "الاتصال المرئي", "اتصال مرئي",
        "تقنية الفيديو", "عن بعد", "افتراضي", "افتراضية",
        "video conference", "videoconference", "video call", "video link", "virtual meeting",
        "virtually", "via video", "by video", "online meeting",
        "visioconférence", "par vidéo", "en visio", "videokonferenz", "videoschalte",
        "videollamada", "videoconferencia", "video konferans", "видеоконференц", "视频",
        "videomöte", "videolänk",
    ),
}

STATUS_CUES: dict[str, tuple[str, ...]] = {
    "postponed": (
        "تأجيل", "تاجيل", "أرجأ", "ارجا", "إرجاء", "ارجاء", "أجل", "تأجلت", "postpone",
        "postponed", "put off", "delayed", "reporté", "reportée", "report de", "ajourné",
        "verschoben", "verschiebt", "aplazad", "pospuest", "ertelendi", "ertele", "перенес",
        "отложен", "推迟", "延期", "skjuts upp", "uppskjut",
    ),
    "cancelled": (
        "إلغاء", "الغاء", "ألغى", "الغى", "ألغت", "cancel", "cancelled", "canceled", "called off",
        "scrapped", "annulé", "annulée", "annule", "abgesagt", "cancelad", "suspendid",
        "iptal", "отменен", "отменил", "取消", "inställd", "ställde in",
    ),
}

PLANNED_CUES: tuple[str, ...] = (
    "سيلتقي", "سيستقبل", "سيجري", "سيزور", "سيعقد", "من المقرر", "من المنتظر", "المرتقب",
    "المرتقبه", "المقرر", "يعتزم", "سوف",
    "will meet", "will hold", "will travel", "will visit", "will host", "will receive",
    "is expected to", "are expected to", "is scheduled", "are scheduled", "is due to",
    "plans to", "planned", "to co-host", "next week", "next month", "upcoming",
    "va rencontrer", "rencontrera", "recevra", "se rendra", "doit se rendre", "est attendu",
    "prévue", "prévu", "wird", "werden", "soll", "geplant", "se reunirá", "visitará",
    "recibirá", "tiene previsto", "está previsto", "görüşecek", "ziyaret edecek",
    "встретится", "посетит", "kommer att", "ska träffa",
)

# Finite past forms of a contact verb: the meeting has happened. Present forms are left out on
# purpose (Arabic headlines report past events in the present, "يستقبل").
PAST_CONTACT_CUES: tuple[str, ...] = (
    "استقبل", "التقى", "اجتمع", "تلقى", "أجرى", "اجرى", "بحث", "تباحث",
    "met ", "received", "hosted", "held talks", "spoke", "talked", "welcomed",
    "a reçu", "a rencontré", "s'est entretenu", "ont discuté", "traf", "empfing", "telefonierte",
    "sprach", "se reunió", "recibió", "conversó", "habló", "görüştü", "kabul etti",
    "gerçekleştirdi", "gerçekleştirmiştir", "встретился", "провел", "провёл", "принял",
    "träffade", "tog emot", "talade",
)

# "Met A and B, each separately": one record per counterpart (GUIDELINES, records).
SEPARATELY_CUES: tuple[str, ...] = (
    "كل على حدة", "كلا على حدة", "separately", "separate meetings", "separate calls",
    "separate talks", "séparément", "séparés", "getrennt", "jeweils", "por separado", "birer",
    "ayrı ayrı", "по отдельности", "отдельно", "分别", "分別", "var för sig", "separata",
    # plural bilateral meetings of one person: one meeting per counterpart
    "bilateral meetings", "bilateral talks with leaders", "لقاءات ثنائية", "entretiens bilatéraux",
    "rencontres bilatérales", "bilaterale gespräche", "bilaterale treffen",
    "reuniones bilaterales", "ikili görüşmeler", "двусторонние встречи", "bilaterala möten",
)

RECEPTION_CUES: tuple[str, ...] = (
    "استقبل", "يستقبل", "تستقبل", "استقبلت", "received", "receives", "hosted", "hosts",
    "welcomed", "welcomes", "gave an audience", "granted an audience",
    "a reçu", "reçoit", "a accueilli", "accueille", "empfing", "empfängt", "empfangen",
    "recibió", "recibe", "kabul etti", "kabul ediyor", "принял", "принимает", "会见", "接见",
    "會見", "tog emot",
)

MEET_CUES: tuple[str, ...] = (
    "تحادث", "تباحث", "التقى", "يلتقي", "التقت", "لقاء", "اجتمع", "يجتمع", "اجتماع", "بحث",
    "met ", "meets",
    "meeting", "talks", "held talks", "s'est entretenu", "a rencontré", "rencontre",
    "entretien", "traf", "trifft", "treffen", "se reunió", "reunión", "görüştü", "görüşme",
    "встретился", "переговоры", "会谈", "会晤", "träffade", "möte",
)

# Meeting verbs that put people in one room ("met", not "discussed" or "talks").
IN_PERSON_MEET_CUES: tuple[str, ...] = (
    "التقى", "يلتقي", "التقت", "اجتمع", "يجتمع", "met ", "meets", "a rencontré", "traf",
    "trifft", "se reunió", "görüştü", "встретился", "会见", "会晤", "會見", "träffade",
)

# Any word that reports a contact at all; a record whose sentence has none is not a meeting.
CONTACT_CUES: tuple[str, ...] = (
    "زيار", "يزور", "زار", "قمة", "تحادث", "تباحث", "يتباحث", "ناقش", "بحث", "يبحث",
    "اتصال", "مباحثات", "محادثات", "مشاورات", "غداء", "حضر",
    "شارك", "تلقى", "أجرى", "اجرى", "مأدبة", "جلسة", "استقبال", "visit", "summit", "call",
    "spoke", "speak", "talk", "discuss", "consult", "lunch", "dinner", "audience", "attend",
    "took part", "participat", "co-host", "ministerial", "conference", "met", "meet",
    "visite", "sommet", "appel", "entretien", "entretenu", "réunion", "rencontr", "reçu",
    "besuch", "gipfel", "gespräch", "telefon", "sitzung", "treffen", "traf", "visita", "cumbre",
    "conversación", "habló", "reunión", "llamada", "ziyaret", "zirve", "görüş", "toplantı",
    "визит", "саммит", "разговор", "встреч", "переговор", "访问", "峰会", "通话", "会见", "会谈",
    "会晤", "會見", "會談", "besök", "samtal", "möte", "träff", "audiens", "tog emot",
)

VISIT_CUES: tuple[str, ...] = (
    "زيارة", "زيارته", "يزور", "زار", "يتوجه", "توجه", "visit", "visiting", "travel to",
    "will travel", "trip to", "visite", "se rendra", "se rend", "besuch", "reist", "visita",
    "viajará", "ziyaret", "визит", "访问", "besök",
)

# Words that make a "city" a venue inside one ("São Bento Palace", "قصر بعبدا").
VENUE_WORDS: tuple[str, ...] = (
    "palace", "hotel", "ministry", "headquarters", "house", "hall", "office", "building",
    "قصر", "وزارة", "مقر", "فندق", "مكتب", "palais", "ministère", "siège", "palast",
    "ministerium", "palacio", "ministerio", "saray", "bakanlığı", "дворец", "宫",
)

# Names a model gives for participants that are not persons: bodies, groups, pronouns.
NOT_PERSONS: tuple[str, ...] = (
    "الناتو", "حلف الناتو", "حلف شمال الأطلسي", "الأمم المتحدة", "الجامعة العربية",
    "جامعة الدول العربية", "الاتحاد الأوروبي", "الوفد", "الوفد المرافق", "الجانبان",
    "الطرفان", "مسؤولين", "مسؤولين آخرين", "المسؤولين", "NATO", "United Nations", "UN",
    "European Union", "EU", "Arab League", "officials", "delegation", "the two sides",
    "OTAN", "ONU", "UE", "Union européenne",
)

# Honorifics and offices that a model glues to the front of a name.
TITLE_WORDS: tuple[str, ...] = (
    "president", "vice", "prime", "minister", "foreign", "secretary", "general", "state",
    "deputy", "chancellor", "king", "queen", "prince", "princess", "crown", "sheikh", "sheik",
    "emir", "sultan", "dr", "mr", "mrs", "ms", "sir", "lord", "his", "her", "majesty",
    "highness", "excellency", "gen", "lt", "col", "colonel", "ambassador", "senator",
    "governor", "mayor", "pope", "premier", "chairman", "speaker", "spokesman", "ceo",
    "director", "commander", "admiral", "defence", "defense", "interior", "former", "us", "uk",
    "m", "mme", "président", "présidente", "ministre", "chef", "presidente", "señor",
    "canciller", "ministro", "bundeskanzler", "kanzler", "präsident", "herr", "frau",
    "außenminister", "cumhurbaşkanı", "bakan", "президент", "премьер", "министр", "kung",
    "kungen", "statsminister", "utrikesminister", "السيد", "السيده", "الدكتور", "د", "الشيخ",
    "الرئيس", "رئيس", "الفريق", "الفريق الركن", "اللواء", "الأمير", "الامير", "الملك",
    "العميد", "الوزير", "وزير", "السفير", "سمو", "معالي", "فخامة", "دولة", "العاهل",
    "خادم", "الحرمين", "الشريفين", "ولي", "العهد",
)

# A contact reported as merely possible: the guidelines give it no record.
HYPOTHETICAL_CUES: tuple[str, ...] = (
    "was possible", "is possible", "could take place", "might meet", "may meet",
    "no date has been set", "no date had been set", "not yet been set", "no dates",
    "dates not set", "not ruled out", "من الممكن", "ممكن", "محتمل", "لم يحدد موعد",
    "لم يتم تحديد موعد", "est possible", "serait possible", "pourrait avoir lieu",
    "aucune date", "möglich", "kein termin", "es posible", "podría", "sin fecha", "mümkün",
    "возможн", "не исключ", "可能",
)

# Words that make a "name" a group of people, not one person.
GROUP_WORDS: tuple[str, ...] = (
    "المسؤولين", "مسؤولين", "المسؤولون", "عدد", "وفد", "الوفد", "أعضاء", "اعضاء", "ممثلي",
    "officials", "delegation", "delegates", "members", "representatives", "leaders", "responsables",
    "délégation", "membres", "vertreter", "delegation", "funcionarios", "delegación",
    # institutions, never part of a person's name
    "مؤسسة", "رئاسة", "وزارة", "حكومة", "ministry", "government", "presidency", "ministère",
    "gouvernement", "ministerium", "regierung", "ministerio", "gobierno", "bakanlığı",
    "министерство", "правительство",
)

ATTENDEE_CUES: tuple[str, ...] = (
    "بحضور", "وبحضور", "in the presence of", "attended by", "also attended", "accompanied by",
    "en présence de", "in anwesenheit", "im beisein", "en presencia de", "katılımıyla",
    "в присутствии", "陪同", "i närvaro av",
)

# Demonyms and "of <state>" adjectives next to a person's title -> ISO alpha-2.
DEMONYMS: dict[str, tuple[str, ...]] = {
    "IQ": ("العراقي", "العراقية", "iraqi", "irakien", "irakienne", "irakische", "irakí"),
    "IR": ("الإيراني", "الايراني", "الإيرانية", "الايرانية", "iranian", "iranien", "iranienne",
           "iranische", "iraní", "iranlı", "иранск"),
    "SA": ("السعودي", "السعودية", "saudi", "saoudien", "saoudienne", "saudische", "saudí"),
    "EG": ("المصري", "المصرية", "egyptian", "égyptien", "égyptienne", "ägyptische", "egipcio"),
    "JO": ("الأردني", "الاردني", "الأردنية", "jordanian", "jordanien", "jordanienne"),
    "SY": ("السوري", "السورية", "syrian", "syrien", "syrienne"),
    "LB": ("اللبناني", "اللبنانية", "lebanese", "libanais", "libanaise"),
    "QA": ("القطري", "القطرية", "qatari", "qatarien", "qatarienne"),
    "AE": ("الإماراتي", "الاماراتي", "الإماراتية", "emirati", "émirien", "émirienne"),
    "KW": ("الكويتي", "الكويتية", "kuwaiti", "koweïtien"),
    "BH": ("البحريني", "البحرينية", "bahraini"),
    "OM": ("العماني", "العمانية", "omani"),
    "YE": ("اليمني", "اليمنية", "yemeni"),
    "TR": ("التركي", "التركية", "turkish", "turc", "turque", "türkische", "turco", "турецк"),
    "US": ("الأمريكي", "الامريكي", "الأميركي", "الاميركي", "الأمريكية", "الأميركية", "american",
           "u.s.", "américain", "américaine", "amerikanische", "estadounidense",
           "американск", "美国"),
    "GB": ("البريطاني", "البريطانية", "british", "britannique", "britische", "británico",
           "британск", "英国"),
    "FR": ("الفرنسي", "الفرنسية", "french", "français", "française", "französische", "francés",
           "fransız", "французск", "法国"),
    "DE": ("الألماني", "الالماني", "الألمانية", "german", "allemand", "allemande", "deutsche",
           "alemán", "alman", "германск", "немецк", "德国"),
    "RU": ("الروسي", "الروسية", "russian", "russe", "russische", "ruso", "rus", "российск",
           "русск", "俄罗斯"),
    "CN": ("الصيني", "الصينية", "chinese", "chinois", "chinoise", "chinesische", "chino", "çin",
           "китайск", "中国"),
    "IT": ("الإيطالي", "الايطالي", "الإيطالية", "italian", "italien", "italienne",
           "italienische", "italiano"),
    "IN": ("الهندي", "الهندية", "indian", "indien", "indienne", "indische"),
    "JP": ("الياباني", "اليابانية", "japanese", "japonais", "japonaise", "japanische"),
    "AT": ("النمساوي", "النمساوية", "austrian", "autrichien", "österreichische"),
    "DZ": ("الجزائري", "الجزائرية", "algerian", "algérien", "algérienne"),
    "MA": ("المغربي", "المغربية", "moroccan", "marocain", "marocaine"),
    "TN": ("التونسي", "التونسية", "tunisian", "tunisien", "tunisienne"),
    "LY": ("الليبي", "الليبية", "libyan", "libyen", "libyenne"),
    "MR": ("الموريتاني", "الموريتانية", "mauritanian", "mauritanien", "mauritanienne"),
    "SD": ("السوداني", "السودانية", "sudanese", "soudanais"),
    "PS": ("الفلسطيني", "الفلسطينية", "palestinian", "palestinien", "palestinienne"),
    "UA": ("الأوكراني", "الاوكراني", "الأوكرانية", "ukrainian", "ukrainien", "ukrainienne",
           "ukrainische", "ucraniano", "ukraynalı", "украинск"),
    "IL": ("الإسرائيلي", "الاسرائيلي", "الإسرائيلية", "israeli", "israélien", "israélienne"),
    "PK": ("الباكستاني", "الباكستانية", "pakistani", "pakistanais"),
    "AF": ("الأفغاني", "الافغاني", "afghan"),
    "AU": ("الأسترالي", "الاسترالي", "australian", "australien"),
    "CA": ("الكندي", "الكندية", "canadian", "canadien", "canadienne"),
    "BR": ("البرازيلي", "البرازيلية", "brazilian", "brésilien", "brésilienne"),
    "ES": ("الإسباني", "الاسباني", "spanish", "espagnol", "espagnole", "spanische", "español",
           "española"),
    "CO": ("الكولومبي", "colombian", "colombien", "colombiano", "colombiana"),
    "SE": ("السويدي", "السويدية", "swedish", "suédois", "suédoise", "schwedische", "svenska",
           "svensk"),
    "NL": ("الهولندي", "dutch", "néerlandais", "niederländische"),
    "BE": ("البلجيكي", "belgian", "belge"),
    "GR": ("اليوناني", "greek", "grec", "grecque"),
    "KR": ("الكوري الجنوبي", "south korean", "sud-coréen"),
    "KP": ("الكوري الشمالي", "north korean", "nord-coréen"),
    "NZ": ("النيوزيلندي", "new zealand", "néo-zélandais"),
    "SN": ("السنغالي", "senegalese", "sénégalais", "sénégalaise"),
    "GH": ("الغاني", "ghanaian", "ghanéen", "ghanéenne"),
    "KE": ("الكيني", "kenyan", "kényan"),
    "NG": ("النيجيري", "nigerian", "nigérian"),
    "PT": ("البرتغالي", "portuguese", "portugais", "portugaise"),
    "PL": ("البولندي", "polish", "polonais"),
    "AZ": ("الأذربيجاني", "azerbaijani", "azerbaïdjanais"),
    "VA": ("الفاتيكاني", "vatican"),
}

# English city name -> forms that name it in article scripts (the English form is implied).
CITY_FORMS: dict[str, tuple[str, tuple[str, ...]]] = {
    "Baghdad": ("IQ", ("بغداد", "bagdad", "багдад", "巴格达")),
    "Basra": ("IQ", ("البصرة", "بصرة")),
    "Erbil": ("IQ", ("أربيل", "اربيل")),
    "Mosul": ("IQ", ("الموصل", "mossoul")),
    "Tehran": ("IR", ("طهران", "téhéran", "teheran", "tahran", "тегеран", "德黑兰")),
    "Riyadh": ("SA", ("الرياض", "riyad", "riad", "эр-рияд", "利雅得")),
    "Jeddah": ("SA", ("جدة", "جده", "djeddah", "dschidda", "yeda", "cidde")),
    "Cairo": ("EG", ("القاهرة", "le caire", "kairo", "el cairo", "kahire", "каир", "开罗")),
    "Amman": ("JO", ("عمان", "عمّان")),
    "Damascus": ("SY", ("دمشق", "damas", "damaskus", "şam", "дамаск")),
    "Beirut": ("LB", ("بيروت", "beyrouth", "beirut", "beyrut", "бейрут")),
    "Baabda": ("LB", ("بعبدا", "قصر بعبدا")),
    "Doha": ("QA", ("الدوحة", "doha")),
    "Abu Dhabi": ("AE", ("أبوظبي", "ابوظبي", "أبو ظبي", "ابو ظبي")),
    "Dubai": ("AE", ("دبي", "dubaï")),
    "Kuwait City": ("KW", ("الكويت",)),
    "Manama": ("BH", ("المنامة",)),
    "Muscat": ("OM", ("مسقط", "mascate")),
    "Ankara": ("TR", ("أنقرة", "انقرة", "анкара")),
    "Istanbul": ("TR", ("إسطنبول", "اسطنبول", "istanbul", "i̇stanbul", "стамбул")),
    "Washington": ("US", ("واشنطن", "washington", "вашингтон", "华盛顿")),
    "New York": ("US", ("نيويورك", "new york", "nueva york", "нью-йорк", "纽约")),
    "London": ("GB", ("لندن", "londres", "london", "londra", "лондон", "伦敦")),
    "Paris": ("FR", ("باريس", "paris", "париж", "巴黎")),
    "Berlin": ("DE", ("برلين", "berlin", "берлин", "柏林")),
    "Moscow": ("RU", ("موسكو", "moscou", "moskau", "moscú", "moskova", "москва", "москве",
                      "莫斯科")),
    "Beijing": ("CN", ("بكين", "pékin", "peking", "pekín", "pekin", "пекин", "北京")),
    "Rome": ("IT", ("روما", "rome", "rom", "roma")),
    "Vienna": ("AT", ("فيينا", "vienne", "wien", "viena", "viyana", "вена")),
    "Brussels": ("BE", ("بروكسل", "bruxelles", "brüssel", "bruselas", "brüksel", "брюссел")),
    "Algiers": ("DZ", ("الجزائر العاصمة", "alger", "algier", "argel")),
    "Rabat": ("MA", ("الرباط",)),
    "Tunis": ("TN", ("تونس العاصمة",)),
    "Tripoli": ("LY", ("طرابلس",)),
    "Nouakchott": ("MR", ("نواكشوط",)),
    "Khartoum": ("SD", ("الخرطوم",)),
    "Kyiv": ("UA", ("كييف", "kiev", "kyiv", "kiew", "київ", "киев")),
    "Tokyo": ("JP", ("طوكيو", "tokyo", "tokio", "токио", "东京")),
    "New Delhi": ("IN", ("نيودلهي", "new delhi", "new-delhi", "neu-delhi")),
    "Osaka": ("JP", ("أوساكا", "osaka", "大阪")),
    "Stockholm": ("SE", ("ستوكهولم", "stockholm", "estocolmo")),
    "Madrid": ("ES", ("مدريد", "madrid")),
    "Bogotá": ("CO", ("بوغوتا", "bogotá", "bogota")),
    "Nusa Dua": ("ID", ("nusa dua",)),
    "Bali": ("ID", ("بالي", "bali")),
    "Geneva": ("CH", ("جنيف", "genève", "genf", "ginebra", "cenevre")),
    "Lisbon": ("PT", ("لشبونة", "lisbonne", "lissabon", "lisboa")),
    "Dakar": ("SN", ("داكار", "dakar")),
    "Oslo": ("NO", ("أوسلو", "oslo")),
}
