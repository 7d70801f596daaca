/**
 * The help directory every tenant starts with. Each number and address was checked against
 * public pages on the date in `lastVerified` (see docs/citizen-site.md for the sources); where
 * no number could be confirmed the entry has none, and the unit should add it after calling.
 * The unit edits this list as data (versions and preview), so a number changes without a release.
 */
const VERIFIED = '2026-11-25';

const ALWAYS_OPEN = {
  da: 'Døgnet rundt',
  en: 'Day and night',
  ar: 'على مدار الساعة',
  so: 'Habeen iyo maalin',
  tr: 'Gece gündüz',
};

const NONE = { da: '', en: '', ar: '', so: '', tr: '' };

export const DEFAULT_DIRECTORY = [
  {
    id: 'alarm-112',
    name: 'Alarm 112',
    phone: '112',
    url: '',
    urgent: true,
    lastVerified: VERIFIED,
    hours: ALWAYS_OPEN,
    description: {
      da: 'Ring 112, hvis du eller en anden er i fare lige nu. Politi og ambulance kommer. Opkaldet er gratis.',
      en: 'Call 112 if you or someone else is in danger right now. The police and an ambulance will come. The call is free.',
      ar: 'اتصل بالرقم 112 إذا كنت أنت أو شخص آخر في خطر الآن. ستأتي الشرطة والإسعاف. الاتصال مجاني.',
      so: 'Wac 112 haddii adiga ama qof kale hadda khatar ku jiraan. Booliiska iyo gaarka gurmadku way imaanayaan. Wicitaanku waa bilaash.',
      tr: 'Sen ya da başka biri şu anda tehlikedeyse 112\'yi ara. Polis ve ambulans gelir. Arama ücretsizdir.',
    },
  },
  {
    id: 'politi-114',
    name: 'Politiet',
    phone: '114',
    url: 'https://politi.dk/',
    urgent: false,
    lastVerified: VERIFIED,
    hours: ALWAYS_OPEN,
    description: {
      da: 'Ring 114, hvis du vil tale med politiet, og det ikke haster. Politiet har kontaktpersoner for æresrelaterede konflikter.',
      en: 'Call 114 to talk to the police when it is not urgent. The police have contact persons for honour-related conflicts.',
      ar: 'اتصل بالرقم 114 إذا أردت التحدث مع الشرطة في أمر غير عاجل. لدى الشرطة أشخاص مختصون بالنزاعات المتعلقة بالشرف.',
      so: 'Wac 114 haddii aad rabto inaad la hadasho booliiska oo aysan degdeg ahayn. Booliisku waxay leeyihiin dad loogu talagalay khilaafaadka sharafta la xiriira.',
      tr: 'Acil olmayan bir konuda polisle konuşmak istersen 114\'ü ara. Polisin namusla ilgili çatışmalar için irtibat kişileri var.',
    },
  },
  {
    id: 'lev-uden-vold',
    name: 'Lev Uden Vold – national hotline',
    phone: '1888',
    url: 'https://levudenvold.dk/',
    urgent: true,
    lastVerified: VERIFIED,
    hours: ALWAYS_OPEN,
    description: {
      da: 'Gratis og anonym rådgivning om vold i nære relationer – også til pårørende. De har overblik over ledige pladser på krisecentre.',
      en: 'Free and anonymous advice about violence in close relationships – also for relatives. They know where there are free places at crisis centres.',
      ar: 'استشارة مجانية ودون ذكر الاسم حول العنف في العلاقات القريبة، وللأقارب أيضًا. لديهم معلومات عن الأماكن المتاحة في مراكز الأزمات.',
      so: 'La-talin bilaash ah oo qarsoodi ah oo ku saabsan rabshadda xiriirka dhow – sidoo kale qaraabada. Waxay og yihiin meelaha bannaan ee xarumaha xiisadaha.',
      tr: 'Yakın ilişkilerde şiddet konusunda ücretsiz ve isimsiz danışmanlık – yakınlar için de. Kriz merkezlerindeki boş yerleri bilirler.',
    },
  },
  {
    id: 'bornetelefonen',
    name: 'BørneTelefonen',
    phone: '116 111',
    url: 'https://bornetelefonen.dk/',
    urgent: false,
    lastVerified: VERIFIED,
    hours: ALWAYS_OPEN,
    description: {
      da: 'For børn og unge under 18. Ring, skriv sms eller chat anonymt med en voksen, der har tid til at lytte.',
      en: 'For children and young people under 18. Call, text or chat anonymously with an adult who has time to listen.',
      ar: 'للأطفال والشباب تحت سن 18. اتصل أو أرسل رسالة أو تحدث عبر الدردشة دون ذكر اسمك مع شخص بالغ لديه وقت للاستماع.',
      so: 'Carruurta iyo dhallinyarada ka yar 18. Wac, qor fariin ama si qarsoodi ah ula sheekayso qof weyn oo waqti u haya inuu dhegeysto.',
      tr: '18 yaşından küçük çocuklar ve gençler için. Dinlemeye vakti olan bir yetişkini isimsiz olarak ara, ona mesaj yaz ya da sohbet et.',
    },
  },
  {
    id: 'red-raadgivning',
    name: 'RED Rådgivning – Center mod æresrelaterede konflikter',
    phone: '',
    url: 'https://red-safehouse.dk/',
    urgent: false,
    lastVerified: VERIFIED,
    hours: ALWAYS_OPEN,
    description: {
      da: 'Rådgivning til unge og voksne i æresrelaterede konflikter, om tvangsægteskab, genopdragelsesrejser og social kontrol. Du kan være anonym.',
      en: 'Advice for young people and adults in honour-related conflicts, about forced marriage, re-education trips and social control. You can stay anonymous.',
      ar: 'استشارة للشباب والبالغين في النزاعات المتعلقة بالشرف، حول الزواج القسري ورحلات إعادة التربية والسيطرة الاجتماعية. يمكنك أن تبقى مجهول الهوية.',
      so: 'La-talin loogu talagalay dhallinyarada iyo dadka waaweyn ee ku jira khilaafaadka sharafta, guurka qasabka ah, safarrada dib u barbaarinta iyo xakameynta bulshada. Waxaad ahaan kartaa qarsoon.',
      tr: 'Namusla ilgili çatışmalardaki gençlere ve yetişkinlere zorla evlilik, yeniden terbiye yolculukları ve sosyal kontrol konusunda danışmanlık. İsimsiz kalabilirsin.',
    },
  },
  {
    id: 'red-safehouse',
    name: 'RED Safehouse',
    phone: '',
    url: 'https://red-safehouse.dk/',
    urgent: false,
    lastVerified: VERIFIED,
    hours: ALWAYS_OPEN,
    description: {
      da: 'Sikre og skjulte steder at bo for unge, der må flygte fra en æresrelateret konflikt, tvangsægteskab eller trusler.',
      en: 'Safe, hidden places to live for young people who must flee an honour-related conflict, forced marriage or threats.',
      ar: 'أماكن سكن آمنة وسرية للشباب الذين يضطرون للهروب من نزاع متعلق بالشرف أو زواج قسري أو تهديدات.',
      so: 'Meelo ammaan ah oo qarsoon oo lagu noolaado oo loogu talagalay dhallinyarada ka carara khilaaf sharaf la xiriira, guur qasab ah ama hanjabaad.',
      tr: 'Namusla ilgili bir çatışmadan, zorla evlilikten ya da tehditlerden kaçmak zorunda kalan gençler için güvenli ve gizli kalacak yerler.',
    },
  },
  {
    id: 'krisecentre',
    name: 'Kvindekrisecentre (LOKK)',
    phone: '',
    url: 'https://www.lokk.dk/',
    urgent: false,
    lastVerified: VERIFIED,
    hours: NONE,
    description: {
      da: 'Krisecentre giver kvinder og deres børn et sikkert sted at bo og hjælp til at komme videre. Du kan selv henvende dig – også anonymt. Ring 1888 for at høre, hvor der er plads.',
      en: 'Crisis centres give women and their children a safe place to live and help to move on. You can contact them yourself – also anonymously. Call 1888 to hear where there is room.',
      ar: 'توفر مراكز الأزمات للنساء وأطفالهن مكانًا آمنًا للسكن ومساعدة للمضي قدمًا. يمكنك التواصل معها بنفسك، حتى دون ذكر اسمك. اتصل بالرقم 1888 لتعرفي أين توجد أماكن متاحة.',
      so: 'Xarumaha xiisaduhu waxay haweenka iyo carruurtooda siiyaan meel ammaan ah oo lagu noolaado iyo caawimaad ay horay ugu socdaan. Adigu toos ayaad ula xiriiri kartaa – xitaa adigoo qarsoon. Wac 1888 si aad u ogaato meesha bannaan.',
      tr: 'Kriz merkezleri kadınlara ve çocuklarına güvenli bir kalacak yer ve hayatlarına devam etmeleri için yardım sağlar. Kendin başvurabilirsin – isimsiz olarak da. Nerede yer olduğunu öğrenmek için 1888\'i ara.',
    },
  },
  {
    id: 'siri-sikkerhedskonsulenter',
    name: 'Sikkerhedskonsulenterne (SIRI)',
    phone: '',
    url: 'https://nc-maerk.dk/raadgivningstilbud/sikkerhedskonsulenterne/',
    urgent: false,
    lastVerified: VERIFIED,
    hours: NONE,
    description: {
      da: 'Statens sikkerhedskonsulenter giver gratis råd om sikkerhed til borgere og fagfolk i æresrelaterede konflikter. De sidder i København, Aarhus, Odense og Aalborg. Kommunens rådgivere kan sætte dig i kontakt med dem.',
      en: 'The state\'s security consultants give free advice on safety to citizens and professionals in honour-related conflicts. They are based in Copenhagen, Aarhus, Odense and Aalborg. The municipality\'s advisers can put you in touch.',
      ar: 'يقدم مستشارو الأمن التابعون للدولة نصائح مجانية حول السلامة للمواطنين والمختصين في النزاعات المتعلقة بالشرف. مقراتهم في كوبنهاغن وآرهوس وأودنسه وآلبورغ. يمكن لمستشاري البلدية أن يساعدوك في التواصل معهم.',
      so: 'La-taliyeyaasha amniga ee dawladdu waxay si bilaash ah u siiyaan talo amni muwaadiniinta iyo xirfadlayaasha ku jira khilaafaadka sharafta. Waxay fadhiyaan Copenhagen, Aarhus, Odense iyo Aalborg. La-taliyeyaasha degmadu way kugu xiriirin karaan.',
      tr: 'Devletin güvenlik danışmanları, namusla ilgili çatışmalarda vatandaşlara ve uzmanlara güvenlik konusunda ücretsiz tavsiye verir. Kopenhag, Aarhus, Odense ve Aalborg\'dalar. Belediyenin danışmanları seni onlarla görüştürebilir.',
    },
  },
];
