"""Arabic cues (matched after fold(): hamza, taa marbuta and diacritics folded, so one spelling
of each form is enough)."""

from __future__ import annotations

from llm_extract.text.cues._cue import Cue, builders

word, stem = builders("ar")

PHONE: tuple[Cue, ...] = stem("اتصالا هاتفيا", "اتصال هاتفي", "مكالمة هاتفية", "هاتفيا")
VIDEO: tuple[Cue, ...] = stem(
    "دائرة تلفزيونية", "عبر الفيديو", "الاتصال المرئي", "اتصال مرئي", "تقنية الفيديو",
    "اجتماع عن بعد", "اجتماعا عن بعد", "لقاء عن بعد",
    "افتراضي", "افتراضية",
)
POSTPONED: tuple[Cue, ...] = (
    *stem("تأجيل", "أرجأ", "إرجاء", "تأجلت"),
    # Three letters: a stem would run on into اجلاء; as a word it still also reads من أجل.
    *word("أجل", "أجلت"),
)
CANCELLED: tuple[Cue, ...] = stem("إلغاء", "ألغى", "ألغت")
PLANNED: tuple[Cue, ...] = word(
    "سيلتقي", "سيستقبل", "سيجري", "سيزور", "سيعقد", "من المقرر", "من المنتظر", "المرتقب",
    "المرتقبه", "المقرر", "يعتزم", "سوف",
)
PAST_CONTACT: tuple[Cue, ...] = word("استقبل", "التقى", "اجتمع", "تلقى", "أجرى", "بحث", "تباحث")
SEPARATELY: tuple[Cue, ...] = stem("كل على حدة", "كلا على حدة", "لقاءات ثنائية")
RECEPTION: tuple[Cue, ...] = stem("استقبل", "يستقبل", "تستقبل", "استقبلت", "استقبال")
MEET: tuple[Cue, ...] = (
    *stem("تحادث", "تباحث", "التقى", "يلتقي", "التقت", "لقاء", "اجتمع", "يجتمع", "اجتماع"),
    *word("بحث", "بحثا", "بحثت", "بحثوا", "بحثنا"),
)
IN_PERSON_MEET: tuple[Cue, ...] = stem("التقى", "يلتقي", "التقت", "اجتمع", "يجتمع",
                                        "على هامش")
CONTACT: tuple[Cue, ...] = (
    *stem("زيار", "يزور", "تحادث", "تباحث", "يتباحث", "ناقش", "يبحث", "اتصال", "مباحثات",
          "محادثات", "مشاورات", "غداء", "شارك", "تلقى", "أجرى", "مأدبة", "جلسة", "استقبال"),
    # Three-letter words and their past forms: as stems زار would find وزارة (و + زارة), حضر
    # حضرموت. (No زاره: it is how fold() writes زارة.)
    *word("زار", "زارت", "زارا", "زاروا", "قمة", "بحث", "بحثا", "بحثت", "بحثوا", "بحثنا", "حضر",
          "حضرت", "حضروا"),
)
VISIT: tuple[Cue, ...] = (
    # with the article: "الزيارة التي كان من المقرر..."; arriving on a visit: "وصل إلى"
    *stem("زيارة", "الزيارة", "زيارته", "زيارتها", "يزور", "تزور", "يتوجه", "توجه", "وصل إلى",
          "يصل إلى", "تصل إلى"),
    *word("زار", "زارت", "زارا", "زاروا"),
)
VENUE: tuple[Cue, ...] = (*word("قصر", "مقر"), *stem("وزارة", "فندق", "مكتب"))
NOT_PERSONS: tuple[Cue, ...] = word(
    "الناتو", "حلف الناتو", "حلف شمال الأطلسي", "الأمم المتحدة", "الجامعة العربية",
    "جامعة الدول العربية", "الاتحاد الأوروبي", "الوفد", "الوفد المرافق", "الجانبان", "الطرفان",
    "مسؤولين", "مسؤولين آخرين", "المسؤولين",
)
TITLES: tuple[Cue, ...] = word(
    "السيد", "السيده", "الدكتور", "د", "الشيخ", "الرئيس", "رئيس", "الفريق", "الفريق الركن",
    "اللواء", "الأمير", "الملك", "العميد", "الوزير", "وزير", "السفير", "سمو", "معالي", "فخامة",
    "دولة", "العاهل", "خادم", "الحرمين", "الشريفين", "ولي", "العهد",
)
HYPOTHETICAL: tuple[Cue, ...] = stem(
    "من الممكن", "ممكن", "محتمل", "لم يحدد موعد", "لم يتم تحديد موعد",
)
GROUP: tuple[Cue, ...] = word(
    "المسؤولين", "مسؤولين", "المسؤولون", "عدد", "وفد", "الوفد", "أعضاء", "ممثلي",
    # institutions and states, never part of a person's name ("the Kingdom", "the Foreign
    # [Ministry]": a model made to copy a span of the article copies these for a host)
    "مؤسسة", "رئاسة", "وزارة", "حكومة", "المملكة", "الخارجية",
    # the two sides, the leaders, the ministers: dual and plural nouns, never a name
    "الرئيسان", "الرئيسين", "الزعيمان", "الزعيمين", "الوزيران", "الوزيرين", "الوزراء",
    "الرؤساء", "القادة", "الزعماء", "الجانبين", "الطرفين",
)
ATTENDEE: tuple[Cue, ...] = stem("بحضور", "وبحضور")

DEMONYMS: dict[str, tuple[Cue, ...]] = {
    "IQ": word("العراقي", "العراقية"),
    "IR": word("الإيراني", "الإيرانية"),
    "SA": word("السعودي", "السعودية"),
    "EG": word("المصري", "المصرية"),
    "JO": word("الأردني", "الأردنية"),
    "SY": word("السوري", "السورية"),
    "LB": word("اللبناني", "اللبنانية"),
    "QA": word("القطري", "القطرية"),
    "AE": word("الإماراتي", "الإماراتية"),
    "KW": word("الكويتي", "الكويتية"),
    "BH": word("البحريني", "البحرينية"),
    "OM": word("العماني", "العمانية"),
    "YE": word("اليمني", "اليمنية"),
    "TR": word("التركي", "التركية"),
    "US": word("الأمريكي", "الأميركي", "الأمريكية", "الأميركية"),
    "GB": word("البريطاني", "البريطانية"),
    "FR": word("الفرنسي", "الفرنسية"),
    "DE": word("الألماني", "الألمانية"),
    "RU": word("الروسي", "الروسية"),
    "CN": word("الصيني", "الصينية"),
    "IT": word("الإيطالي", "الإيطالية"),
    "IN": word("الهندي", "الهندية"),
    "JP": word("الياباني", "اليابانية"),
    "AT": word("النمساوي", "النمساوية"),
    "DZ": word("الجزائري", "الجزائرية"),
    "MA": word("المغربي", "المغربية"),
    "TN": word("التونسي", "التونسية"),
    "LY": word("الليبي", "الليبية"),
    "MR": word("الموريتاني", "الموريتانية"),
    "SD": word("السوداني", "السودانية"),
    "PS": word("الفلسطيني", "الفلسطينية"),
    "UA": word("الأوكراني", "الأوكرانية"),
    "IL": word("الإسرائيلي", "الإسرائيلية"),
    "PK": word("الباكستاني", "الباكستانية"),
    "AF": word("الأفغاني"),
    "AU": word("الأسترالي"),
    "CA": word("الكندي", "الكندية"),
    "BR": word("البرازيلي", "البرازيلية"),
    "ES": word("الإسباني"),
    "CO": word("الكولومبي"),
    "SE": word("السويدي", "السويدية"),
    "NL": word("الهولندي"),
    "BE": word("البلجيكي"),
    "GR": word("اليوناني"),
    "KR": word("الكوري الجنوبي"),
    "KP": word("الكوري الشمالي"),
    "NZ": word("النيوزيلندي"),
    "SN": word("السنغالي"),
    "GH": word("الغاني"),
    "KE": word("الكيني"),
    "NG": word("النيجيري"),
    "PT": word("البرتغالي"),
    "PL": word("البولندي"),
    "AZ": word("الأذربيجاني"),
    "VA": word("الفاتيكاني"),
}

# A form that is also a country's name (or an alias countries.py knows) is left out: عمان is
# Amman and Oman alike (fold() drops the shadda of عمّان, so no spelling tells them apart),
# الكويت is the state before its capital, and واشنطن stands for the United States as often as
# for the city; only unambiguous forms are kept ("مدينة الكويت", "في واشنطن").
CITIES: dict[str, tuple[Cue, ...]] = {
    "Baghdad": word("بغداد"),
    "Basra": word("البصرة", "بصرة"),
    "Erbil": word("أربيل"),
    "Mosul": word("الموصل"),
    "Tehran": word("طهران"),
    "Riyadh": word("الرياض"),
    "Jeddah": word("جدة"),
    "Cairo": word("القاهرة"),
    "Damascus": word("دمشق"),
    "Beirut": word("بيروت"),
    "Baabda": word("بعبدا", "قصر بعبدا"),
    "Doha": word("الدوحة"),
    "Abu Dhabi": word("أبوظبي", "أبو ظبي"),
    "Dubai": word("دبي"),
    "Kuwait City": word("مدينة الكويت"),
    "Manama": word("المنامة"),
    "Muscat": word("مسقط"),
    "Ankara": word("أنقرة"),
    "Istanbul": word("إسطنبول"),
    "Washington": word("في واشنطن"),
    "New York": word("نيويورك"),
    "London": word("لندن"),
    "Paris": word("باريس"),
    "Berlin": word("برلين"),
    "Moscow": word("موسكو"),
    "Beijing": word("بكين"),
    "Rome": word("روما"),
    "Vienna": word("فيينا"),
    "Brussels": word("بروكسل"),
    "Algiers": word("الجزائر العاصمة"),
    "Rabat": word("الرباط"),
    "Tunis": word("تونس العاصمة"),
    "Tripoli": word("طرابلس"),
    "Nouakchott": word("نواكشوط"),
    "Khartoum": word("الخرطوم"),
    "Kyiv": word("كييف"),
    "Tokyo": word("طوكيو"),
    "New Delhi": word("نيودلهي"),
    "Osaka": word("أوساكا"),
    "Stockholm": word("ستوكهولم"),
    "Madrid": word("مدريد"),
    "Bogotá": word("بوغوتا"),
    "Bali": word("بالي"),
    "Geneva": word("جنيف"),
    "Lisbon": word("لشبونة"),
    "Dakar": word("داكار"),
    "Oslo": word("أوسلو"),
}
HOSTING: tuple[Cue, ...] = word("يستضيف", "تستضيف", "استضاف", "استضافت")
SUMMIT: tuple[Cue, ...] = word("قمة", "القمة")
# Verbs of what was talked about, not that a contact took place ("وبحث الجانبان…", "وتباحث
# الرئيسان…"): a clause whose only contact words are these says more about a contact reported
# elsewhere. Each entry is also a CONTACT entry, matched the same way.
DISCUSS: tuple[Cue, ...] = (
    *stem("تباحث", "يتباحث", "ناقش", "يبحث"), *word("بحث", "بحثا", "بحثت", "بحثوا", "بحثنا"),
)
# Words that name a day (DAYS): today, yesterday, tomorrow and the weekdays; a date the
# article gives by one of them is resolved against the publication date.
DAYS: dict[str, tuple[Cue, ...]] = {
    "today": word("اليوم", "هذا الصباح", "مساء اليوم", "الليلة"),
    "yesterday": word("أمس", "الأمس", "البارحة"),
    "tomorrow": word("غدا"),
    "monday": word("الاثنين"),
    "tuesday": word("الثلاثاء"),
    "wednesday": word("الأربعاء"),
    "thursday": word("الخميس"),
    "friday": word("الجمعة"),
    "saturday": word("السبت"),
    "sunday": word("الأحد"),
}
